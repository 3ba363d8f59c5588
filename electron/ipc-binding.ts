/**
 * Binds every method of a contract table to `ipcMain.handle('bookshelf:<method>')`, generated
 * from the table (nothing is written per method). Each call first checks who sent it: only the
 * top frame of a page from app://bookshelf may call at all; an EPUB iframe, a foreign page or a
 * destroyed frame gets a `forbidden` envelope and a log line. Then shared/call.ts checks the
 * caller's role and the input, exactly as the HTTP transport does. An error comes back in the
 * language the calling window sent with the call (its screen's language).
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { callMethod } from '../shared/call.js';
import type { CallContext, Handlers } from '../shared/call.js';
import type { ContractTable } from '../shared/contract.js';
import type { Envelope } from '../shared/errors.js';
import { AppError } from '../shared/errors.js';
import { isLanguage } from '../shared/messages.js';
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

function failure(code: 'forbidden' | 'internal', lang: Language): Envelope<unknown> {
  return { ok: false, error: new AppError(code, { key: `error.${code}` }).toWire(lang) };
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
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown, language: unknown): Promise<Envelope<unknown>> => {
      const lang: Language = isLanguage(language) ? language : 'vi';
      try {
        const frame = event.senderFrame;
        if (!trusted(frame)) {
          options.log(`IPC ${name} refused: untrusted sender (${describeFrame(frame)})`);
          return failure('forbidden', lang);
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
        return failure('internal', lang);
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
