/**
 * The librarian's native open dialog, the app's way to pick a file to import (a browser uses a
 * file input and uploads the bytes instead): `desk.importChosen` shows the system's "open"
 * dialog over the app window — titled in the caller's language, one file, PDF or EPUB — and
 * imports the chosen file exactly as `desk.importFile` does; a closed dialog imports nothing.
 * main.ts binds this handler in place of the engine's, which answers `unavailable` over HTTP;
 * an import goes into the audit log (with the file's name), a closed dialog does not.
 */
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import path from 'node:path';
import { describeInput, recordAudit } from '../catalog/accounts/audit.js';
import type { Db } from '../catalog/db/open.js';
import type { DeskService } from '../catalog/desk/service.js';
import type { Handlers } from '../shared/call.js';
import type { deskMethods } from '../shared/contract/desk.js';
import { translate } from '../shared/messages.js';
import type { Language } from '../shared/messages.js';

/** dialog.showOpenDialog, over the app window when there is one. */
export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>;

/** The extensions the desk imports (catalog/desk/file-batch.ts). */
const IMPORTABLE = ['pdf', 'epub'];

export function importDialogOptions(lang: Language): OpenDialogOptions {
  return {
    title: translate(lang, 'deskUi.chooseFileTitle'),
    buttonLabel: translate(lang, 'deskUi.chooseFileButton'),
    properties: ['openFile'],
    filters: [{ name: translate(lang, 'deskUi.fileFilter'), extensions: IMPORTABLE }],
  };
}

export function nativeDialogHandlers(show: ShowOpenDialog, desk: Pick<DeskService, 'importFile'>, db: Db): Pick<Handlers<typeof deskMethods>, 'desk.importChosen'> {
  return {
    'desk.importChosen': async (_input, ctx) => {
      const chosen = await show(importDialogOptions(ctx.lang));
      const file = chosen.canceled ? undefined : chosen.filePaths[0];
      if (!file) return null;
      const batch = await desk.importFile(file);
      recordAudit(db, ctx.user ?? null, 'desk.importChosen', describeInput({ name: path.basename(file) }));
      return batch;
    },
  };
}
