/**
 * docs/import.md: one extraction worker serves up to 50 files, then is replaced (so memory a
 * parser leaks cannot pile up). The extractor, with its default limit, runs 101 jobs in a worker
 * thread that answers each with its thread id: files 1–50 go to one worker, 51–100 to a second,
 * 101 to a third.
 */
import { describe, expect, it } from 'vitest';
import { Extractor } from '../../catalog/import/extract.js';

describe('the extraction worker', () => {
  it('serves 50 files, then is replaced by a new one', async () => {
    const extractor = new Extractor({ workerEntry: new URL('./thread-id-worker.mjs', import.meta.url) });
    const threads: number[] = [];
    try {
      for (let file = 1; file <= 101; file++) {
        const outcome = await extractor.extract(`/nowhere/file-${file}.pdf`);
        if (!outcome.ok) throw new Error(`file ${file}: ${outcome.refusal.code}`);
        threads.push((outcome.extraction as unknown as { threadId: number }).threadId);
      }
    } finally {
      await extractor.close();
    }
    const runs = threads.reduce<{ thread: number; files: number }[]>((list, thread) => {
      if (list.at(-1)?.thread === thread) list.at(-1)!.files += 1;
      else list.push({ thread, files: 1 });
      return list;
    }, []);
    expect(runs.map((run) => run.files)).toEqual([50, 50, 1]);
    expect(new Set(runs.map((run) => run.thread)).size).toBe(3);
  });
});
