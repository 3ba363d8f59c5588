/** Handlers of the librarian's desk's contract methods (shared/contract/desk.ts), over the desk engine (service.ts). */
import type { Handlers } from '../../shared/call.js';
import type { deskMethods } from '../../shared/contract/desk.js';
import type { Services } from '../services.js';

export function deskHandlers({ desk }: Services): Handlers<typeof deskMethods> {
  return {
    'desk.scanners': () => desk.scanners(),
    'desk.batches': (_input, ctx) => desk.batches(ctx.lang),
    'desk.createBatch': (_input, ctx) => desk.createBatch(ctx.lang),
    'desk.batch': (input, ctx) => desk.batch(input.batchId, ctx.lang),
    'desk.pageImage': (input, ctx) => desk.pageImage(input.batchId, input.pageId, input.width, ctx.lang),
    'desk.scan': ({ batchId, ...command }, ctx) => desk.scan(batchId, command, ctx.lang),
    'desk.cancel': (input, ctx) => desk.cancel(input.batchId, ctx.lang),
    'desk.movePage': (input, ctx) => desk.movePage(input.batchId, input.pageId, input.to, ctx.lang),
    'desk.rotatePage': (input, ctx) => desk.rotatePage(input.batchId, input.pageId, input.by, ctx.lang),
    'desk.deletePage': (input, ctx) => desk.deletePage(input.batchId, input.pageId, ctx.lang),
    'desk.split': (input, ctx) => desk.split(input.batchId, input.atPageId, ctx.lang),
    'desk.ocr': (input, ctx) => desk.ocr(input.batchId, ctx.lang),
    'desk.importFile': (input, ctx) => desk.importFile(input.path, ctx.lang),
    'desk.draft': (input, ctx) => desk.draft(input.batchId, ctx.lang),
    'desk.duplicates': (input, ctx) => desk.duplicates(input.batchId, input.number, ctx.lang),
    'desk.save': (input, ctx) => desk.save(input.batchId, input.description, input.allowDuplicate, ctx.lang),
    'desk.discard': (input, ctx) => desk.discard(input.batchId, ctx.lang),
  };
}
