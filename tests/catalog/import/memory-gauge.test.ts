// The memory watch charges a file with what its own worker grows, not with what other threads of
// the process grow meanwhile (memory-gauge.ts): the relations e2e spec's hub imported the 45-page
// demo law right after two stations started in the same process, whose search workers warming
// up grew it by ~290 MB, and the law was refused as "out-of-memory > 256 MB". Between two
// reports of the worker every byte is charged, so a decoder stuck on a bomb is still stopped.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Extractor } from '../../../catalog/import/extract.js';
import type { SharedPages } from '../../../catalog/import/extract.js';
import { ChargedGrowth, newGauge, reportMemory, useGauge } from '../../../catalog/import/memory-gauge.js';
import { newCursor, takePages } from '../../../catalog/import/page-share.js';
import type { HelperPages } from '../../../catalog/import/page-share.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { DEMO } from './helpers.js';

const MB = 1024 * 1024;

describe('the growth charged to a job', () => {
  it('is all the growth until the worker reports, then its own growth with other threads’ excused up to one budget', () => {
    const gauge = newGauge();
    const growth = new ChargedGrowth(gauge, 100 * MB, 1000 * MB);
    expect(growth.charged(1150 * MB)).toBe(150 * MB); // no report yet: a worker stuck decoding is charged everything
    useGauge(gauge); // this thread reports as a worker would, at the job's start
    try {
      // Reported: this thread grew by about nothing, so the process's 150 MB are other threads'; 100 excused.
      expect(growth.charged(1150 * MB)).toBeGreaterThanOrEqual(50 * MB);
      expect(growth.charged(1150 * MB)).toBeLessThan(55 * MB);
      expect(growth.charged(1180 * MB)).toBeGreaterThanOrEqual(80 * MB); // no report since: the 30 MB more are charged
      reportMemory();
      expect(growth.charged(1060 * MB)).toBeLessThan(5 * MB); // the others gave back; a report excuses what is left
      expect(growth.charged(1300 * MB)).toBeGreaterThanOrEqual(240 * MB);
    } finally {
      useGauge(null);
    }
  });
});

describe('a file extracted while another thread grows the process past the budget', () => {
  it('is extracted, not refused as out of memory', { timeout: 120_000 }, async () => {
    const law = DEMO('luat-so-69-2020-qh14-32699.pdf');
    const budgetMb = 160;
    const extractor = new Extractor({ cover: false, rssBudgetMb: budgetMb, timeoutMs: 100_000 });
    // The test holds one chunk of the law's pages as a helper would (page-share.ts): the file's
    // worker, done with the rest, waits for them while this thread grows the process.
    const cursor = newCursor();
    let isOpen: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (isOpen = resolve));
    let handTo: (handed: HelperPages) => void = () => undefined;
    const shared: SharedPages = { cursor, opened: () => isOpen(), attach: (hand) => void (hand && (handTo = hand)) };
    const ballast: Buffer[] = [];
    try {
      const extraction = extractor.extract(law, shared);
      await opened;
      const held = takePages(cursor, Atomics.load(cursor, 1));
      expect(held).not.toBeNull();
      // 200 MB more, touched, 8 MB at a time: the worker reports between the steps.
      while (ballast.length * 8 < 200) {
        ballast.push(Buffer.allocUnsafe(8 * MB).fill(1));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const { from, to } = held as { from: number; to: number };
      const pages = Array.from({ length: to - from + 1 }, (_, i) => ({ page: from + i, error: 'held by the test' }));
      handTo({ sha256: sha256Hex(fs.readFileSync(law)), pages });
      const outcome = await extraction;
      expect(outcome.ok ? 'extracted' : outcome.refusal).toBe('extracted');
      expect(outcome.ok && outcome.extraction.pageCount).toBe(45);
    } finally {
      ballast.length = 0;
      await extractor.close();
    }
  });
});
