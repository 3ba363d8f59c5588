// The extraction worker: it loads from the TypeScript sources under vitest, a file that takes
// too long is refused and its worker terminated, and a worker that crashes or runs out of
// memory refuses the file without taking this process down.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusalReason } from '../../../catalog/import/errors.js';
import { Extractor } from '../../../catalog/import/extract.js';
import { workerEntry } from '../../../catalog/threads/worker-entry.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { countPublications } from '../../../catalog/publications.js';
import { say } from '../../../shared/messages.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { DEMO, FIXTURE_WORKER } from './helpers.js';

describe('extraction worker', () => {
  it('picks the tsx entry from sources and the compiled worker from JavaScript', () => {
    expect(workerEntry('file:///app/catalog/import/extract.ts', 'extract-worker').pathname).toBe('/app/catalog/import/extract-worker-tsx.mjs');
    expect(workerEntry('file:///app/dist/app/catalog/import/extract.js', 'extract-worker').pathname).toBe('/app/dist/app/catalog/import/extract-worker.js');
  });

  it('extracts in a worker and reuses it for the next file', async () => {
    const extractor = new Extractor();
    try {
      const first = await extractor.extract(DEMO('nghi-quyet-so-17-2022-ubtvqh15-36956.pdf'));
      expect(first.ok).toBe(true);
      const second = await extractor.extract(DEMO('truyen-kieu.epub'));
      expect(second.ok && second.extraction.metadata.title).toBe('Truyện Kiều');
    } finally {
      await extractor.close();
    }
  });

  it('terminates a worker that hangs and refuses the file as taking too long', async () => {
    const extractor = new Extractor({ timeoutMs: 300, workerEntry: FIXTURE_WORKER('hang-worker.mjs') });
    try {
      // The worker never answers: only the time limit ends the extraction (else the test's own timeout fails it).
      const outcome = await extractor.extract(DEMO('truyen-kieu.epub'));
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.refusal).toEqual({ code: 'timeout', detail: '> 0.3 s' });
      expect(!outcome.ok && say('vi', refusalReason(outcome.refusal))).toBe('Quá thời gian xử lý: > 0.3 s');
      expect(!outcome.ok && say('en', refusalReason(outcome.refusal))).toBe('took too long: > 0.3 s');
      // The process is fine and the extractor recovers with a fresh worker.
      const again = await extractor.extract(DEMO('truyen-kieu.epub'));
      expect(!again.ok && again.refusal.code).toBe('timeout');
    } finally {
      await extractor.close();
    }
  });

  it('refuses a real file when the time limit is tiny', async () => {
    const extractor = new Extractor({ timeoutMs: 5 });
    try {
      const outcome = await extractor.extract(DEMO('luat-so-69-2020-qh14-32699.pdf'));
      expect(!outcome.ok && outcome.refusal.code).toBe('timeout');
    } finally {
      await extractor.close();
    }
  });

  it('survives a worker that runs out of memory, and one that crashes', async () => {
    const oom = new Extractor({ memoryMb: 32, workerEntry: FIXTURE_WORKER('oom-worker.mjs') });
    try {
      const outcome = await oom.extract(DEMO('truyen-kieu.epub'));
      expect(!outcome.ok && outcome.refusal.code).toBe('out-of-memory');
      expect(!outcome.ok && say('vi', refusalReason(outcome.refusal))).toContain('Hết bộ nhớ');
    } finally {
      await oom.close();
    }
    const crash = new Extractor({ workerEntry: FIXTURE_WORKER('crash-worker.mjs') });
    try {
      const outcome = await crash.extract(DEMO('truyen-kieu.epub'));
      expect(!outcome.ok && outcome.refusal.code).toBe('crashed');
      expect(!outcome.ok && outcome.refusal.detail).toContain('boom');
    } finally {
      await crash.close();
    }
  });

  it('leaves no rows and no files when the worker hangs during an import', async () => {
    const library = await tempLibrary();
    const summary = await importFiles(library, [DEMO('truyen-kieu.epub')], { timeoutMs: 300, workerEntry: FIXTURE_WORKER('hang-worker.mjs') });
    expect(summary.refused).toEqual([expect.objectContaining({ code: 'timeout' })]);
    expect(countPublications(library.db)).toBe(0);
    expect(fs.readdirSync(library.files.root).filter((name) => name !== 'tmp')).toEqual([]);
  });
});
