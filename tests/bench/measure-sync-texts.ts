/**
 * Child process of the texts sync benchmark (tests/bench/sync-texts.ts): an empty station syncs
 * the generated feed (publications with their text objects) from a folder; its peak RSS is read
 * right after. Baseline in the same child: the same publications with the same texts and sections
 * indexed directly into another empty library with saveDocuments, in batches of 500. Both share
 * the indexing code, so it is warmed up first on a few texts in a scratch library (the first of
 * two measured runs would otherwise pay for the JIT). Prints JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { saveDocuments } from '../../catalog/documents.js';
import type { DocumentRecord } from '../../catalog/documents.js';
import { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { getSource } from '../../catalog/sync/sources.js';
import { benchPublication } from './sync-apply.js';
import { benchText, gazetteTexts } from './sync-texts.js';

const [dir, feed, publicKeyPath, corpora] = process.argv.slice(2);

/** The benchmark's publications `from`…`to` with their texts, as saveDocuments takes them. */
function records(texts: ReturnType<typeof gazetteTexts>, from: number, to: number): DocumentRecord[] {
  const out: DocumentRecord[] = [];
  for (let i = from; i <= to; i += 1) {
    const { files, updatedAt: _u, ...publication } = benchPublication(i);
    const { sections, ...text } = benchText(texts, i);
    out.push({ publication, files: files.map((f) => ({ ...f, state: 'pending' as const })), text, sections });
  }
  return out;
}

const warm = await Library.open(path.join(dir, 'warm-up'));
saveDocuments(warm.db, records(gazetteTexts(corpora, 40), 1, 40));
warm.close();

const station = await Library.open(path.join(dir, 'station'));
const id = Number(
  station.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(feed, JSON.stringify([fs.readFileSync(publicKeyPath, 'utf8')])).lastInsertRowid,
);
const startRssMB = process.memoryUsage().rss / 1024 / 1024;
let start = performance.now();
const result = await syncOnce(station, getSource(station, id), new FolderSource(feed));
const syncSeconds = (performance.now() - start) / 1000;
const syncPeakRssMB = process.resourceUsage().maxRSS / 1024;
const count = result.added;
if (result.status !== 'applied' || result.texts !== count || result.textsMissing !== 0) throw new Error(`unexpected sync result ${JSON.stringify(result)}`);
station.close();

const texts = gazetteTexts(corpora);
const direct = await Library.open(path.join(dir, 'direct'));
start = performance.now();
for (let from = 1; from <= count; from += 500) saveDocuments(direct.db, records(texts, from, Math.min(count, from + 499)));
const baselineSeconds = (performance.now() - start) / 1000;
direct.close();

process.stdout.write(`${JSON.stringify({ syncSeconds, syncPeakRssMB, startRssMB, baselineSeconds })}\n`);
