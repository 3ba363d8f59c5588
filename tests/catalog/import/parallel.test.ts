// Importing side by side (extract-pool.ts) and covers after the texts (covers.ts), into a real
// library: two files are in progress at once, the summary keeps the order given, the same bytes
// twice in one run are one publication, and a PDF's text is saved and searchable before its
// cover is drawn, which is then linked and logged as a change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWorkers } from '../../../catalog/import/extract-pool.js';
import { importFiles } from '../../../catalog/import/importer.js';
import type { ImportProgress } from '../../../catalog/import/importer.js';
import { countPublications, getPublication } from '../../../catalog/publications.js';
import { search } from '../../../catalog/search/search.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { DEMO } from './helpers.js';

const SMALL = DEMO('quyet-dinh-so-28-2021-qd-ttg-34546.pdf');
const LAW = DEMO('luat-so-69-2020-qh14-32699.pdf');
const BOOK = DEMO('truyen-kieu.epub');

describe('importing side by side', () => {
  it('uses two workers at most, one on a single core', () => {
    expect(importWorkers(1)).toBe(1);
    expect(importWorkers(2)).toBe(2);
    expect(importWorkers(16)).toBe(2);
  });

  it('extracts two files at once, largest first, and reports them in the order given', async () => {
    const library = await tempLibrary();
    const events: ImportProgress[] = [];
    const summary = await importFiles(library, [SMALL, BOOK, LAW], { workers: 2, cover: false, onProgress: (event) => events.push(event) });
    expect(summary.imported.map((item) => item.path)).toEqual([SMALL, BOOK, LAW]);
    const started = events.filter((event) => event.phase === 'file').map((event) => (event as { path: string }).path);
    // The 700 KB law starts first; a second file starts before the first one is done.
    expect(started[0]).toBe(LAW);
    const firstDone = events.findIndex((event) => event.phase === 'done');
    expect(events.slice(0, firstDone).filter((event) => event.phase === 'file')).toHaveLength(2);
  });

  it('imports the same bytes given twice in one run once, the other as its duplicate', async () => {
    const library = await tempLibrary();
    const copy = path.join(tempDir(), 'ban-sao.pdf');
    fs.copyFileSync(SMALL, copy);
    const summary = await importFiles(library, [SMALL, copy], { workers: 2, cover: false });
    expect(summary.imported).toHaveLength(1);
    expect(summary.duplicates).toEqual([expect.objectContaining({ publicationId: summary.imported[0].id })]);
    expect(countPublications(library.db)).toBe(1);
  });

  it('saves a PDF text searchable before its cover is drawn, then links the cover as a change', async () => {
    const library = await tempLibrary();
    const atDone: { covers: number; hits: number }[] = [];
    const summary = await importFiles(library, [SMALL], {
      onProgress: (event) => {
        if (event.phase !== 'done' || event.outcome.status !== 'imported') return;
        const pub = getPublication(library.db, event.outcome.item.id)!;
        const hits = search(library.db, { q: 'hỗ trợ người lao động', offset: 0, limit: 10 }).items.length;
        atDone.push({ covers: pub.files.filter((file) => file.role === 'cover').length, hits });
      },
    });
    expect(atDone).toEqual([{ covers: 0, hits: 1 }]);
    const item = summary.imported[0];
    expect(item.hasCover).toBe(true);
    const pub = getPublication(library.db, item.id)!;
    expect(pub.files.map((file) => [file.role, file.mediaType]).sort()).toEqual([['content', 'application/pdf'], ['cover', 'image/png']]);
    const changes = library.db.prepare('SELECT op FROM changes WHERE publication_id = ?').pluck().all(item.id);
    expect(changes).toEqual(['put', 'put']);
  });
});
