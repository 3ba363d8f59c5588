/**
 * The system tools some tests need, and the Debian package of each: a test that lacks one skips
 * with the package to install, except under CI=true, where it fails. Free of vitest, so the
 * browser specs use it too.
 */
import { spawnSync } from 'node:child_process';
import { corporaMissing } from './corpora.js';

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
  const message = `these tests need ${reasons.join(', ')}`;
  if (process.env.CI) throw new Error(`${message}: CI must provide them`);
  console.warn(`⚠ skipped: ${message}`);
  return message;
}

