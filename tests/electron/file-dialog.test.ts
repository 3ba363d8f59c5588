/**
 * The app's file picker (electron/file-dialog.ts) bound over IPC as main.ts binds it, with a real
 * desk on a library on disk; only the system dialog is a stand-in (the Electron binary is not
 * available). A librarian's call shows the dialog in the window's language for one PDF or EPUB
 * and imports the file chosen as a file on this PC; closing the dialog imports nothing; a file
 * of another type is refused in words; a caller who is not signed in never sees the dialog. An
 * import goes into the audit log with the file's name; a closed dialog does not.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions } from 'electron';
import { DeskService } from '../../catalog/desk/service.js';
import { DEMO_DIR } from '../../catalog/package-root.js';
import { contract } from '../../shared/contract.js';
import type { Role } from '../../shared/domain.js';
import { nativeDialogHandlers } from '../../electron/file-dialog.js';
import { bindContract, channelOf } from '../../electron/ipc-binding.js';
import { tempDir } from '../helpers/temp-dir.js';
import { openTestLibrary } from '../helpers/temp-library.js';
import { FakeIpcMain, topFrame } from './fakes.js';

const DECREE = path.join(DEMO_DIR, 'nghi-dinh-so-158-2025-nd-cp-45240.pdf');
const CHANNEL = channelOf('desk.importChosen');

async function setup(role: Role, chosen: { canceled: boolean; filePaths: string[] }) {
  const library = await openTestLibrary(tempDir('electron-dialog-'));
  const desk = new DeskService(library);
  const shown: OpenDialogOptions[] = [];
  const show = vi.fn((options: OpenDialogOptions) => {
    shown.push(options);
    return Promise.resolve(chosen);
  });
  const ipc = new FakeIpcMain();
  const table = { 'desk.importChosen': contract['desk.importChosen'] };
  bindContract(ipc.asElectron(), table, nativeDialogHandlers(show, desk, library.db), { callerOf: () => ({ role }), log: () => undefined });
  return { library, desk, ipc, shown, show };
}

describe('the app’s open dialog for importing a file', () => {
  it('asks for one PDF or EPUB, in the window’s language, and imports the file chosen', async () => {
    const { library, desk, ipc, shown } = await setup('librarian', { canceled: false, filePaths: [DECREE] });
    const reply = (await ipc.invoke(CHANNEL, topFrame(), {}, 'vi')) as { ok: boolean; result: { id: string; origin: string; file: { name: string } } };
    expect(reply).toMatchObject({ ok: true, result: { origin: 'file', file: { name: path.basename(DECREE) } } });
    expect(shown[0]).toEqual({
      title: 'Chọn tệp PDF hoặc EPUB để nhập vào tủ sách',
      buttonLabel: 'Nhập tệp này',
      properties: ['openFile'],
      filters: [{ name: 'Tài liệu PDF hoặc EPUB', extensions: ['pdf', 'epub'] }],
    });
    expect(await desk.draft(reply.result.id)).toMatchObject({ kind: 'legal', number: '158/2025/NĐ-CP' });
    expect(library.db.prepare('SELECT action, detail FROM audit_log').all()).toEqual([{ action: 'desk.importChosen', detail: JSON.stringify({ name: path.basename(DECREE) }) }]);
    await ipc.invoke(CHANNEL, topFrame(), {}, 'en');
    expect(shown[1].title).toBe('Choose a PDF or EPUB file to import into the bookshelf');
    await desk.dispose();
  });

  it('imports nothing when the dialog is closed', async () => {
    const { library, desk, ipc } = await setup('librarian', { canceled: true, filePaths: [] });
    expect(await ipc.invoke(CHANNEL, topFrame(), {})).toEqual({ ok: true, result: null });
    expect(desk.batches()).toEqual([]);
    expect(library.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    await desk.dispose();
  });

  it('refuses, in words, a file of another type picked with the filter switched off', async () => {
    const { desk, ipc } = await setup('librarian', { canceled: false, filePaths: [path.join(DEMO_DIR, 'manifest.json')] });
    expect(await ipc.invoke(CHANNEL, topFrame(), {})).toMatchObject({ ok: false, error: { code: 'bad_request', key: 'desk.fileType', message: 'Chỉ nhập được tệp PDF hoặc EPUB.' } });
    await desk.dispose();
  });

  it('never shows the dialog to a caller who is not signed in', async () => {
    const { desk, ipc, show } = await setup('anyone', { canceled: false, filePaths: [DECREE] });
    expect(await ipc.invoke(CHANNEL, topFrame(), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(show).not.toHaveBeenCalled();
    await desk.dispose();
  });
});
