/**
 * The text of a PDF through poppler's pdftotext, for tests that read what a report prints:
 * plain, or with `layout` (columns kept side by side, pages split by form feeds), and its fonts
 * through pdffonts (the same Debian package). Without pdftotext a test skips with the package to
 * install, except under CI=true, where it fails.
 */
import { spawnSync } from 'node:child_process';

/** Why PDF text cannot be read here (null when it can); throws under CI. */
export function pdftotextMissing(): string | null {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return null;
  const message = 'pdftotext không có / is missing: apt-get install poppler-utils';
  if (process.env.CI) throw new Error(`${message} (CI must check the PDF text)`);
  return message;
}

export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const args = [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'];
  const result = spawnSync('pdftotext', args, { input: pdf, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.normalize('NFC');
}

/** The font table pdffonts prints for a PDF (name, type, embedded…); call after `pdftotextMissing()` said poppler-utils is here. */
export function pdfFonts(pdf: Buffer): string {
  const result = spawnSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`pdffonts failed (apt-get install poppler-utils): ${result.error?.message ?? result.stderr}`);
  return result.stdout;
}
