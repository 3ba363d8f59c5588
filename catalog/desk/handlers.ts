/**
 * Handlers of the librarian's desk's contract methods (shared/contract/desk.ts), over the desk
 * engine (service.ts). `desk.importChosen` needs the system's open dialog: the Electron shell
 * binds its own handler (electron/file-dialog.ts); here, over HTTP, it is unavailable.
 */
import type { Handlers } from '../../shared/call.js';
import { AppError } from '../../shared/errors.js';
import type { deskMethods } from '../../shared/contract/desk.js';
import type { Services } from '../services.js';

export function deskHandlers({ desk }: Services): Handlers<typeof deskMethods> {
  return {
    'desk.scanners': () => desk.scannerList(),
    'desk.batches': () => desk.batches(),
    'desk.createBatch': () => desk.createBatch(),
    'desk.batch': (input) => desk.batch(input.batchId),
    'desk.pageImage': (input) => desk.pageImage(input.batchId, input.pageId, input.width),
    'desk.scan': ({ batchId, ...command }) => desk.scan(batchId, command),
    'desk.cancel': (input) => desk.cancel(input.batchId),
    'desk.movePage': (input) => desk.movePage(input.batchId, input.pageId, input.to),
    'desk.rotatePage': (input) => desk.rotatePage(input.batchId, input.pageId, input.by),
    'desk.deletePage': (input) => desk.deletePage(input.batchId, input.pageId),
    'desk.split': (input) => desk.split(input.batchId, input.atPageId),
    'desk.ocr': (input) => desk.ocr(input.batchId),
    'desk.importFile': (input) => desk.importFile(input.path),
    'desk.importChosen': () => {
      throw new AppError('unavailable', { key: 'desk.chooseInApp' });
    },
    'desk.uploadStart': (input) => desk.uploadStart(input.name, input.size),
    'desk.uploadChunk': (input) => desk.uploadChunk(input.uploadId, input.offset, input.data),
    'desk.uploadFinish': (input) => desk.uploadFinish(input.uploadId),
    'desk.uploadCancel': (input) => desk.uploadCancel(input.uploadId),
    'desk.draft': (input) => desk.draft(input.batchId),
    'desk.duplicates': (input) => desk.duplicates(input.batchId, input.number),
    'desk.save': (input) => desk.save(input.batchId, input.description, input.allowDuplicate),
    'desk.discard': (input) => desk.discard(input.batchId),
  };
}
