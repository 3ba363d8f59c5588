/**
 * Stand-ins for the Electron objects electron/ modules receive, so their logic runs under plain
 * Node (the Electron binary is not available to tests): an EventEmitter web contents, a session
 * that keeps the handlers it is given, an ipcMain with a Map of handlers. Each is cast to the
 * narrow Electron type the module asks for; only the members used are implemented.
 */
import { EventEmitter } from 'node:events';
import type { HandlerDetails, IpcMainInvokeEvent, WindowOpenHandlerResponse } from 'electron';
import type { HardenableSession, HardenableWebContents } from '../../electron/harden.js';
import type { IpcMainLike, SenderFrame } from '../../electron/ipc-binding.js';

/** An Electron-style event: records whether a listener called preventDefault. */
export interface FakeEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function fakeEvent<P extends object>(params: P = {} as P): FakeEvent & P {
  let prevented = false;
  return {
    ...params,
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  devToolsClosed = 0;
  crashedOnPurpose = 0;
  readonly id: number = nextWebContentsId++;

  /** Electron ends the renderer; the real one then emits render-process-gone ('killed'). */
  forcefullyCrashRenderer(): void {
    this.crashedOnPurpose++;
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  closeDevTools(): void {
    this.devToolsClosed++;
  }

  /** Emits a navigation-style event and tells whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true): boolean {
    const details = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    this.emit(event, details, url, false, isMainFrame);
    return details.defaultPrevented;
  }

  /** window.open / target=_blank as the renderer would trigger it. */
  open(url: string): WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) throw new Error('no window open handler installed');
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' } } as HandlerDetails);
  }

  asElectron(): HardenableWebContents {
    return this as unknown as HardenableWebContents;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
type RequestFilter = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;
  requestFilter: RequestFilter | null = null;

  readonly webRequest = {
    onBeforeRequest: (filter: RequestFilter) => {
      this.requestFilter = filter;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: (contents: unknown, permission: string, origin: string, details: unknown) => boolean): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.deviceHandler = handler;
  }

  /** Asks for a permission as a page would; resolves with the grant. */
  request(permission: string, requestingUrl = 'app://bookshelf/index.html'): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) throw new Error('no permission request handler installed');
    return new Promise((resolve) => handler({}, permission, resolve, { requestingUrl }));
  }

  /** Whether a request for `url` would be cancelled. */
  cancels(url: string): boolean {
    const filter = this.requestFilter;
    if (!filter) throw new Error('no request filter installed');
    let cancel: boolean | undefined;
    filter({ url }, (response) => {
      cancel = response.cancel;
    });
    if (cancel === undefined) throw new Error('request filter did not answer synchronously');
    return cancel;
  }

  asElectron(): HardenableSession {
    return this as unknown as HardenableSession;
  }
}

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a channel as ipcRenderer.invoke from `frame` would. */
  async invoke(channel: string, frame: SenderFrame | null, ...args: unknown[]): Promise<unknown> {
    return this.invokeFrom({}, channel, frame, ...args);
  }

  /** The same, from a given window's web contents (`event.sender`). */
  async invokeFrom(sender: object, channel: string, frame: SenderFrame | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frame, sender, frameId: 1, processId: 1 } as unknown as IpcMainInvokeEvent;
    return listener(event, ...args);
  }

  asElectron(): IpcMainLike {
    return this as unknown as IpcMainLike;
  }
}

/** A frame as WebFrameMain shows it: the top frame has no parent. */
export function topFrame(url = 'app://bookshelf/index.html'): SenderFrame {
  return { url, parent: null } as SenderFrame;
}

export function subFrame(url: string, parent: SenderFrame = topFrame()): SenderFrame {
  return { url, parent } as unknown as SenderFrame;
}
