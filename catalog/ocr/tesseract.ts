/**
 * Tesseract with its Vietnamese data, one page per run: `tesseract page.png out -l vie --dpi N
 * -c textonly_pdf=1 txt pdf` gives, from one recognition, the page's text and its invisible
 * text layer as a one-page PDF (glyphless font, no image), which searchable-pdf.ts lays over
 * the page image. Runs with OMP_THREAD_LIMIT=1: on a 2-core PC tesseract's own OpenMP threads
 * make one page several times slower, and the desk runs pages side by side instead.
 */
import fs from 'node:fs/promises';
import { runTool } from '../scan/tool.js';

export interface OcrTool {
  command: string;
  env: NodeJS.ProcessEnv;
}

/** What is missing for OCR: the program, or its Vietnamese data; null when both are there. */
export async function ocrMissing(tool: OcrTool): Promise<'tesseract' | 'vie' | null> {
  const run = await runTool(tool.command, ['--list-langs'], { env: tool.env });
  if (run.missing || run.code === null) return 'tesseract';
  const langs = `${run.stdout}\n${run.stderr}`.split(/\r?\n/).map((l) => l.trim());
  return langs.includes('vie') ? null : 'vie';
}

export interface PageText {
  /** Recognised text, NFC, with trailing spaces and the form feed tesseract ends a page with removed. */
  text: string;
  /** The text-only PDF of the page. */
  layer: string;
}

export class OcrError extends Error {}

/** Recognises one page image; `outBase` gets .txt and .pdf appended. */
export async function recognisePage(tool: OcrTool, image: string, dpi: number, outBase: string, signal?: AbortSignal): Promise<PageText | null> {
  const run = await runTool(tool.command, [image, outBase, '-l', 'vie', '--dpi', String(dpi), '-c', 'textonly_pdf=1', 'txt', 'pdf'], {
    env: { ...tool.env, OMP_THREAD_LIMIT: '1' },
    signal,
  });
  if (run.aborted) return null;
  if (run.missing) throw new OcrError('tesseract');
  if (run.code !== 0) throw new OcrError(run.stderr.trim().split('\n').at(-1) ?? `tesseract exit ${run.code}`);
  const raw = await fs.readFile(`${outBase}.txt`, 'utf8');
  await fs.rm(`${outBase}.txt`, { force: true });
  const text = raw
    .normalize('NFC')
    .replace(/\f/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return { text, layer: `${outBase}.pdf` };
}
