/**
 * Binds every method of a contract table to `ipcMain.handle('bookshelf:<method>')`, generated
 * from the table (nothing is written per method). Each call first checks who sent it: only the
 * top frame of a page from app://bookshelf may call at all; an EPUB iframe, a foreign page or a
 * destroyed frame gets a `forbidden` envelope and a log line. Then shared/call.ts checks the
 * caller's role and the input, exactly as the HTTP transport does.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { callMethod } from '../shared/call.js';
import type { CallContext, Handlers } from '../shared/call.js';
import type { ContractTable } from '../shared/contract.js';
import type { Envelope } from '../shared/errors.js';
import { translate } from '../shared/messages.js';
import type { Language } from '../shared/messages.js';
import { isAppUrl } from './app-origin.js';
import { channelOf } from './channels.js';

export { channelOf } from './channels.js';

/** What the binding learns of a caller before the call. */
export type Caller = Pick<CallContext, 'role' | 'user' | 'session' | 'staffAllowed'>;

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** The parts of a WebFrameMain the sender check reads. */
export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'>;

export type IpcLog = (message: string, error?: unknown) => void;

export interface BindOptions {
  /** Defaults to `isTrustedSender` below. */
  isTrustedSender?: (frame: SenderFrame | null | undefined) => boolean;
  /** Who calls: the signed-in user of the sending window and its session (electron/window-sessions.ts). */
  callerOf: (event: IpcMainInvokeEvent) => Caller;
  lang: () => Language;
  log: IpcLog;
}

/** The top frame of a page from app://bookshelf, and nothing else. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false;
  try {
    // Reading a disposed frame throws; a frame that is gone is not trusted.
    return frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

function describeFrame(frame: SenderFrame | null | undefined): string {
  if (!frame) return 'no sender frame';
  try {
    return `${frame.parent === null ? 'top frame' : 'subframe'} ${JSON.stringify(frame.url)}`;
  } catch {
    return 'a disposed frame';
  }
}

function forbidden(lang: Language): Envelope<unknown> {
  return { ok: false, error: { code: 'forbidden', message: translate(lang, 'error.forbidden') } };
}

/** Registers one handler per method; returns a function that removes them all again. */
export function bindContract<C extends ContractTable>(
  ipcMain: IpcMainLike,
  table: C,
  handlers: Handlers<C>,
  options: BindOptions,
): () => void {
  const trusted = options.isTrustedSender ?? isTrustedSender;
  const channels: string[] = [];
  for (const name of Object.keys(table)) {
    const channel = channelOf(name);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
      let lang: Language = 'vi';
      try {
        lang = options.lang();
        const frame = event.senderFrame;
        if (!trusted(frame)) {
          options.log(`IPC ${name} refused: untrusted sender (${describeFrame(frame)})`);
          return forbidden(lang);
        }
        const caller = options.callerOf(event);
        const role = caller.role;
        const envelope = await callMethod(table, handlers, name, input, { ...caller, transport: 'ipc', lang }, (error) =>
          options.log(`IPC ${name} failed`, error),
        );
        if (!envelope.ok && envelope.error.code === 'forbidden') {
          options.log(`IPC ${name} refused: role "${role}" may not call it (${describeFrame(frame)})`);
        }
        return envelope;
      } catch (error) {
        // Only the sender check or callerOf can get here; callMethod itself never throws.
        options.log(`IPC ${name} failed before the call`, error);
        return { ok: false, error: { code: 'internal', message: translate(lang, 'error.internal') } };
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
