/** Handlers of the librarian's desk's contract methods (shared/contract/desk.ts). */
import type { Handlers } from '../../shared/call.js';
import type { deskMethods } from '../../shared/contract/desk.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../services.js';

/** Until the desk engine lands, every desk method answers `unavailable`. */
export function deskHandlers(services: Services): Handlers<typeof deskMethods> {
  void services;
  const unavailable = (): never => {
    throw new AppError('unavailable', 'desk');
  };
  return {
    'desk.scanners': unavailable,
    'desk.batches': unavailable,
    'desk.createBatch': unavailable,
    'desk.batch': unavailable,
    'desk.pageImage': unavailable,
    'desk.scan': unavailable,
    'desk.cancel': unavailable,
    'desk.movePage': unavailable,
    'desk.rotatePage': unavailable,
    'desk.deletePage': unavailable,
    'desk.split': unavailable,
    'desk.ocr': unavailable,
    'desk.importFile': unavailable,
    'desk.draft': unavailable,
    'desk.duplicates': unavailable,
    'desk.save': unavailable,
    'desk.discard': unavailable,
  };
}
