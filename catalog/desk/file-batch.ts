/**
 * A batch made from an existing PDF or EPUB on this PC: the file is copied into the batch
 * folder (a USB drive may be pulled out before saving), read by the importer's extractor (in its
 * bounded worker), and its text, metadata and cover kept beside it for the draft and the save.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Extraction } from '../import/types.js';

export const SOURCE_NAME = { pdf: 'source.pdf', epub: 'source.epub' } as const;
const EXTRACTION_NAME = 'extraction.json';
const COVER_NAME = 'cover.bin';

/** What is kept of an extraction (the cover goes to its own file). */
export type KeptExtraction = Omit<Extraction, 'cover'> & { coverMediaType: string | null };

export function formatOf(file: string): 'pdf' | 'epub' | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.pdf' ? 'pdf' : ext === '.epub' ? 'epub' : null;
}

export async function keepExtraction(dir: string, extraction: Extraction): Promise<void> {
  const { cover, ...rest } = extraction;
  if (cover) await fs.writeFile(path.join(dir, COVER_NAME), cover.data);
  const kept: KeptExtraction = { ...rest, coverMediaType: cover?.mediaType ?? null };
  await fs.writeFile(path.join(dir, EXTRACTION_NAME), JSON.stringify(kept));
}

export async function readExtraction(dir: string): Promise<KeptExtraction> {
  return JSON.parse(await fs.readFile(path.join(dir, EXTRACTION_NAME), 'utf8')) as KeptExtraction;
}

export function coverFile(dir: string): string {
  return path.join(dir, COVER_NAME);
}
