/**
 * Shell case 4 (shared/notes/security.md): a librarian method called from the EPUB frame, from
 * a foreign page, or without a librarian session is rejected in main and logged. Binds a small
 * test contract (one 'anyone' and one 'librarian' method) to a fake ipcMain and calls it as
 * different frames would; then the real contract, end to end through the bridge.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Handlers } from '../../shared/call.js';
import { METHOD_NAMES, contract } from '../../shared/contract.js';
import type { ContractTable } from '../../shared/contract.js';
import type { Role } from '../../shared/domain.js';
import { createBridge } from '../../electron/bridge.js';
import { bindContract, channelOf, isTrustedSender } from '../../electron/ipc-binding.js';
import { FakeIpcMain, subFrame, topFrame } from './fakes.js';

const testContract = {
  'notes.read': { access: 'anyone', summary: 'Reads the notes.', input: z.object({}).strict(), output: undefined as unknown as string[] },
  'notes.delete': {
    access: 'librarian',
    summary: 'Deletes a note.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: undefined as unknown as { deleted: string },
  },
} satisfies ContractTable;

function setup(role: Role = 'anyone') {
  const ipc = new FakeIpcMain();
  const log = vi.fn<(message: string, error?: unknown) => void>();
  const handlers: Handlers<typeof testContract> = {
    'notes.read': vi.fn(() => ['first note']),
    'notes.delete': vi.fn((input: { id: string }) => ({ deleted: input.id })),
  };
  const unbind = bindContract(ipc.asElectron(), testContract, handlers, { callerOf: () => ({ role }), log });
  return { ipc, log, handlers, unbind };
}

const EPUB_FRAME = subFrame('app://bookshelf/files/' + 'e'.repeat(64));
const FOREIGN_FRAMES = {
  'the EPUB iframe': EPUB_FRAME,
  'a blob iframe': subFrame('blob:app://bookshelf/1234'),
  'a foreign top frame': topFrame('https://evil.example/'),
  'a file:// top frame': topFrame('file:///tmp/evil.html'),
  'another app:// host': topFrame('app://evil/index.html'),
  'no sender frame': null,
};

describe('shell case 4: IPC checks the sender frame and the caller role', () => {
  it('registers one channel per method of the table, and unbinds them all', () => {
    const { ipc, unbind } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(['bookshelf:notes.delete', 'bookshelf:notes.read']);
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('an anonymous call to an anyone method from the app top frame works', async () => {
    const { ipc, handlers, log } = setup('anyone');
    await expect(ipc.invoke(channelOf('notes.read'), topFrame(), {})).resolves.toEqual({ ok: true, result: ['first note'] });
    expect(handlers['notes.read']).toHaveBeenCalledWith({}, { role: 'anyone', transport: 'ipc', lang: 'vi' });
    expect(log).not.toHaveBeenCalled();
  });

  it('a librarian method without a librarian role is forbidden and logged', async () => {
    const { ipc, handlers, log } = setup('anyone');
    const reply = await ipc.invoke(channelOf('notes.delete'), topFrame(), { id: 'n1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers['notes.delete']).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/notes\.delete refused: role "anyone"/));
  });

  it("an error comes back in the calling window's language (Vietnamese when it sends none or an unknown one)", async () => {
    const { ipc } = setup('anyone');
    const english = await ipc.invoke(channelOf('notes.delete'), topFrame(), { id: 'n1' }, 'en');
    expect(english).toEqual({ ok: false, error: { code: 'forbidden', key: 'error.forbidden', message: 'Please log in with the right role to do this.' } });
    for (const lang of [undefined, 'fr', { toString: () => 'en' }]) {
      const reply = await ipc.invoke(channelOf('notes.delete'), topFrame(), { id: 'n1' }, lang);
      expect(reply).toMatchObject({ ok: false, error: { message: 'Bạn cần đăng nhập với quyền phù hợp để làm việc này.' } });
    }
    const untrusted = await ipc.invoke(channelOf('notes.read'), EPUB_FRAME, {}, 'en');
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Please log in with the right role to do this.' } });
  });

  it('a librarian calling from the app top frame gets through', async () => {
    const { ipc } = setup('librarian');
    await expect(ipc.invoke(channelOf('notes.delete'), topFrame(), { id: 'n1' })).resolves.toEqual({ ok: true, result: { deleted: 'n1' } });
  });

  it.each(Object.entries(FOREIGN_FRAMES))('a librarian method called from %s is forbidden and logged, even with a librarian role', async (_name, frame) => {
    const { ipc, handlers, log } = setup('librarian');
    const reply = await ipc.invoke(channelOf('notes.delete'), frame, { id: 'n1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(handlers['notes.delete']).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/notes\.delete refused: untrusted sender/));
  });

  it('the EPUB iframe cannot call even an anyone method', async () => {
    const { ipc, handlers } = setup('anyone');
    await expect(ipc.invoke(channelOf('notes.read'), EPUB_FRAME, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers['notes.read']).not.toHaveBeenCalled();
  });

  it('invalid input is an invalid_input envelope with details; the handler never runs', async () => {
    const { ipc, handlers } = setup('librarian');
    const reply = (await ipc.invoke(channelOf('notes.delete'), topFrame(), { id: '', extra: true })) as {
      ok: false;
      error: { code: string; details: { path: string }[] };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.details.length).toBeGreaterThan(0);
    expect(handlers['notes.delete']).not.toHaveBeenCalled();
  });

  it('a handler that throws gives an internal envelope without a stack, and is logged', async () => {
    const ipc = new FakeIpcMain();
    const log = vi.fn();
    const failing: Handlers<typeof testContract> = {
      'notes.read': () => {
        throw new Error('disk on fire at /home/secret/path');
      },
      'notes.delete': () => ({ deleted: 'x' }),
    };
    bindContract(ipc.asElectron(), testContract, failing, { callerOf: () => ({ role: 'anyone' }), log });
    const reply = await ipc.invoke(channelOf('notes.read'), topFrame(), {}, 'en');
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal', key: 'error.internal', message: 'System error. Please try again later.' } });
    expect(JSON.stringify(reply)).not.toContain('/home/secret');
    expect(log).toHaveBeenCalledWith('IPC notes.read failed', expect.any(Error));
  });

  it('a frame that is already disposed is not trusted', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed as never)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender(topFrame('app://bookshelf/index.html#/publications/x'))).toBe(true);
  });

  it('the real contract: every method has a channel, and the bridge reaches it end to end', async () => {
    const ipc = new FakeIpcMain();
    const seen: string[] = [];
    const handlers = Object.fromEntries(
      METHOD_NAMES.map((name) => [name, (input: unknown) => (seen.push(name), { method: name, input })]),
    ) as unknown as Handlers<typeof contract>;
    bindContract(ipc.asElectron(), contract, handlers, { callerOf: () => ({ role: 'anyone' }), log: () => undefined });
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());

    const bridge = createBridge((channel, input) => ipc.invoke(channel, topFrame(), input), METHOD_NAMES);
    await expect(bridge['publications.get']({ id: 'luat-69' })).resolves.toEqual({
      ok: true,
      result: { method: 'publications.get', input: { id: 'luat-69' } },
    });
    await expect(bridge['publications.get']({})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(seen).toEqual(['publications.get']);
  });
});
