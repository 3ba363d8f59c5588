// A long PDF's pages read by two workers at once (page-share.ts, extract-pool.ts): the cursor
// hands out each page once, lowest first; the 343-page gazette of ../shared/corpora read by a
// lead and a helper gives exactly the extraction one worker gives, and the helper did read
// pages of it. (Skips with a message when the corpora are absent; an error under CI.) A helper
// that stops (out of memory by its own limits, a crash) leaves its pages to the file's own worker.
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../catalog/import/errors.js';
import { Extractor } from '../../../catalog/import/extract.js';
import type { SharedPages } from '../../../catalog/import/extract.js';
import { ExtractorPool } from '../../../catalog/import/extract-pool.js';
import { CHUNK_PAGES, closeCursor, newCursor, setPageCount, takePages, untakenPages } from '../../../catalog/import/page-share.js';
import type { HelperPages } from '../../../catalog/import/page-share.js';
import { corpus, corpusMissing } from '../../helpers/corpora.js';
import { DEMO } from './helpers.js';

const GAZETTE = corpus('pdf', 'vn-congbao', 'van-ban-hop-nhat-so-5-vbhn-btc-469151.pdf');

describe('the page cursor', () => {
  it('hands out every page once, in chunks from the first, and nothing after it is closed', () => {
    const cursor = newCursor();
    expect(untakenPages(cursor)).toBe(0); // not open yet: nobody joins
    const pageCount = 2 * CHUNK_PAGES + 3;
    setPageCount(cursor, pageCount);
    expect(untakenPages(cursor)).toBe(pageCount);
    const taken: number[] = [];
    for (let range = takePages(cursor, pageCount); range; range = takePages(cursor, pageCount)) {
      for (let n = range.from; n <= range.to; n++) taken.push(n);
    }
    expect(taken).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(untakenPages(cursor)).toBe(0);

    const closed = newCursor();
    setPageCount(closed, pageCount);
    closeCursor(closed);
    expect(takePages(closed, pageCount)).toBeNull();
    expect(untakenPages(closed)).toBe(0);
  });
});

describe.skipIf(corpusMissing('pdf/vn-congbao'))('a long PDF read by two workers', () => {
  it('gives the text one worker gives, with the second worker reading part of the pages', { timeout: 1_200_000 }, async () => {
    // The per-file time limit is not what this is about: a loaded test machine may need longer.
    const single = new Extractor({ cover: false, timeoutMs: 600_000 });
    const pool = new ExtractorPool({ workers: 2, cover: false, timeoutMs: 600_000 });
    try {
      const alone = await single.extract(GAZETTE);
      const extraction = pool.extract(GAZETTE);
      const [shared, helped] = await Promise.all([extraction, pool.help(extraction)]);
      if (!alone.ok || !shared.ok) throw new Error(`the gazette did not extract: ${JSON.stringify([alone, shared].map((o) => !o.ok && o.refusal))}`);
      expect(alone.extraction.pageCount).toBe(343);
      expect(helped).toBeGreaterThan(0);
      expect(helped).toBeLessThan(343);
      expect(shared.extraction.text).toBe(alone.extraction.text);
      const { text: _a, ...restAlone } = alone.extraction;
      const { text: _b, ...restShared } = shared.extraction;
      expect(restShared).toEqual(restAlone);
    } finally {
      await Promise.all([single.close(), pool.close()]);
    }
  });
});

describe('a helper that stops before handing its pages back', () => {
  it('leaves them to the file’s own worker: the file is extracted, with the text one worker gives', { timeout: 120_000 }, async () => {
    const law = DEMO('luat-so-69-2020-qh14-32699.pdf');
    const single = new Extractor({ cover: false, timeoutMs: 100_000 });
    const lead = new Extractor({ cover: false, timeoutMs: 100_000 });
    // This test is the helper: it takes a chunk of pages once the file is open, then stops.
    const cursor = newCursor();
    let isOpen: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (isOpen = resolve));
    let handTo: (handed: HelperPages) => void = () => undefined;
    const shared: SharedPages = { cursor, opened: () => isOpen(), attach: (hand) => void (hand && (handTo = hand)) };
    try {
      const alone = await single.extract(law);
      const extraction = lead.extract(law, shared);
      await opened;
      expect(takePages(cursor, Atomics.load(cursor, 1))).not.toBeNull();
      handTo({ refusal: refusal('out-of-memory', '> 256 MB') });
      const outcome = await extraction;
      if (!alone.ok || !outcome.ok) throw new Error(`the law did not extract: ${JSON.stringify([alone, outcome].map((o) => !o.ok && o.refusal))}`);
      expect(outcome.extraction.text).toBe(alone.extraction.text);
      expect(outcome.extraction.notes).toEqual(alone.extraction.notes);
    } finally {
      await Promise.all([single.close(), lead.close()]);
    }
  });
});
