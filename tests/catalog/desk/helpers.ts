/**
 * Shared set-up of the desk tests: the system tools they need (a missing one skips the test
 * with the Debian package to install, except under CI=true, where it fails), the SANE test
 * backend's configuration from the shared corpora, and a library with a desk over it.
 */
import { spawnSync } from 'node:child_process';
import { Library } from '../../../catalog/library.js';
import { DeskService } from '../../../catalog/desk/service.js';
import type { DeskOptions } from '../../../catalog/desk/service.js';
import { corpus, corporaMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';

const PACKAGES = {
  scanimage: 'sane-utils',
  tesseract: 'tesseract-ocr tesseract-ocr-vie',
  pdftotext: 'poppler-utils',
} as const;
type Tool = keyof typeof PACKAGES;

function present(tool: Tool): boolean {
  if (tool === 'tesseract') {
    const run = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
    return run.error === undefined && `${run.stdout}${run.stderr}`.split('\n').some((l) => l.trim() === 'vie');
  }
  return spawnSync(tool, tool === 'pdftotext' ? ['-v'] : ['--version']).error === undefined;
}

/** Why a test needing these tools (and the corpora) cannot run here, or null when it can. */
export function missingTools(...tools: Tool[]): string | null {
  const missing = tools.filter((tool) => !present(tool));
  const reasons = missing.map((tool) => `${tool} (apt-get install ${PACKAGES[tool]})`);
  if (corporaMissing) reasons.push('../shared/corpora');
  if (reasons.length === 0) return null;
  const message = `desk tests need ${reasons.join(', ')}`;
  if (process.env.CI) throw new Error(`${message}: CI must provide them`);
  console.warn(`⚠ skipped: ${message}`);
  return message;
}

export const SANE_CONFIG_DIR = corpus('scanner', 'sane-config');
export const OCR_DIR = corpus('scanner', 'ocr-vn');

export async function openDesk(options: DeskOptions = {}, dir = tempDir('desk-')): Promise<{ library: Library; desk: DeskService; dir: string }> {
  const library = await Library.open(dir);
  return { library, desk: new DeskService(library, { saneConfigDir: SANE_CONFIG_DIR, ...options }), dir };
}

/** Waits for the batch's job and returns the batch. */
export async function settled(desk: DeskService, batchId: string) {
  await desk.idle(batchId);
  return desk.batch(batchId, 'vi');
}
