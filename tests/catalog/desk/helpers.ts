/**
 * Shared set-up of the desk tests: the system tools they need (a missing one skips the test
 * with the Debian package to install, except under CI=true, where it fails), the SANE test
 * backend's configuration from the shared corpora, and a library with a desk over it.
 */
import type { Library } from '../../../catalog/library.js';
import { DeskService } from '../../../catalog/desk/service.js';
import type { DeskOptions } from '../../../catalog/desk/service.js';
import { corpus } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

export { missingTools } from '../../helpers/system-tools.js';

export const SANE_CONFIG_DIR = corpus('scanner', 'sane-config');
export const OCR_DIR = corpus('scanner', 'ocr-vn');

export async function openDesk(options: DeskOptions = {}, dir = tempDir('desk-')): Promise<{ library: Library; desk: DeskService; dir: string }> {
  const library = await openTestLibrary(dir);
  return { library, desk: new DeskService(library, { saneConfigDir: SANE_CONFIG_DIR, ...options }), dir };
}

/** Waits for the batch's job and returns the batch. */
export async function settled(desk: DeskService, batchId: string) {
  await desk.idle(batchId);
  return desk.batch(batchId);
}
