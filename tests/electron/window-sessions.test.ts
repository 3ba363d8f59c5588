/**
 * Staff sessions in the Electron app: the real contract and engine bound to a fake ipcMain with
 * electron/window-sessions.ts deciding who calls. Signing in opens a session for that window
 * only, the token never reaches the page, a closed window ends its session, so does a crash or a
 * reload of its page (issue 18: the kiosk reloaded after a crash is not the librarian's), and
 * every staff method refuses a window nobody signed in on.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { createHandlers } from '../../catalog/engine.js';
import { createServices } from '../../catalog/services.js';
import { bindContract, channelOf } from '../../electron/ipc-binding.js';
import { WindowSessions } from '../../electron/window-sessions.js';
import { METHOD_NAMES, contract } from '../../shared/contract.js';
import type { Envelope } from '../../shared/errors.js';
import { tempLibrary } from '../helpers/temp-library.js';
import { FakeIpcMain, topFrame } from './fakes.js';

class FakeWindow extends EventEmitter {
  constructor(readonly id: number) {
    super();
  }
}

async function app() {
  const library = await tempLibrary('window-sessions-');
  const accounts = new Accounts(library.db);
  await accounts.create({ username: 'canbo', displayName: 'Cán bộ', role: 'official', password: 'mat-khau-can-bo' });
  const services = createServices(library);
  const windows = new WindowSessions(services.accounts);
  const ipc = new FakeIpcMain();
  bindContract(ipc.asElectron(), contract, createHandlers(services), { callerOf: (event) => windows.callerOf(event), log: () => undefined });
  const call = (window: FakeWindow, method: string, input: unknown = {}) =>
    ipc.invokeFrom(window, channelOf(method), topFrame(), input) as Promise<Envelope<unknown>>;
  return { library, services, call };
}

describe('staff sessions per Electron window', () => {
  it('opens a session for the window that signed in, and only for it', async () => {
    const { call } = await app();
    const staffWindow = new FakeWindow(1);
    const kiosk = new FakeWindow(2);
    const signIn = await call(staffWindow, 'auth.signIn', { username: 'canbo', password: 'mat-khau-can-bo' });
    expect(signIn).toEqual({ ok: true, result: { id: 1, username: 'canbo', displayName: 'Cán bộ', role: 'official' } });
    expect(await call(staffWindow, 'accounts.list')).toMatchObject({ ok: true });
    expect(await call(kiosk, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(staffWindow, 'auth.state')).toMatchObject({ ok: true, result: { user: { username: 'canbo' } } });
    expect(await call(kiosk, 'auth.state')).toMatchObject({ ok: true, result: { user: null, signInAllowed: true } });

    await call(staffWindow, 'auth.signOut');
    expect(await call(staffWindow, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('ends the session when its window is destroyed', async () => {
    const { call, library } = await app();
    const window = new FakeWindow(7);
    await call(window, 'auth.signIn', { username: 'canbo', password: 'mat-khau-can-bo' });
    expect(library.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(1);
    window.emit('destroyed');
    expect(library.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
    // A new window that gets the same id later starts anonymous.
    expect(await call(new FakeWindow(7), 'auth.state')).toMatchObject({ ok: true, result: { user: null } });
  });

  it.each([
    ['its renderer crashes', 'render-process-gone'],
    ['its page is loaded again', 'did-navigate'],
  ])('ends the session when %s, and keeps listening after a new sign-in', async (_name, event) => {
    const { call, library } = await app();
    const window = new FakeWindow(9);
    const sessions = () => library.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get();
    for (let round = 0; round < 2; round++) {
      await call(window, 'auth.signIn', { username: 'canbo', password: 'mat-khau-can-bo' });
      expect(await call(window, 'auth.state')).toMatchObject({ ok: true, result: { user: { username: 'canbo' } } });
      window.emit(event, {}, { reason: 'crashed', exitCode: 133 });
      expect(sessions()).toBe(0);
      expect(await call(window, 'accounts.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // One listener per page event, however many sign-ins.
    expect(window.listenerCount(event)).toBe(1);
  });

  it('refuses every librarian and official method to a window nobody signed in on', async () => {
    const { call } = await app();
    const window = new FakeWindow(3);
    for (const name of METHOD_NAMES.filter((method) => contract[method].access !== 'anyone')) {
      expect([name, await call(window, name, {})]).toEqual([name, { ok: false, error: expect.objectContaining({ code: 'forbidden' }) }]);
    }
  });
});
