/**
 * The writer thread (catalog/writer/): a sync through the sync service as the app runs it — a
 * stop lands between two transactions of a long page and the next run goes on from there to the
 * same catalog; a refusal, or a source that cannot be read, reaches the run's history by
 * reference — and a document save that
 * leaves the caller's thread free and the document searchable; a thread that dies fails only
 * the writes it had.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { countPublications } from '../../../catalog/publications.js';
import { WriterThread } from '../../../catalog/writer/writer-thread.js';
import { search } from '../../../catalog/search/search.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { addSource, getSource } from '../../../catalog/sync/sources.js';
import { buildBenchFeed } from '../../bench/sync-apply.js';
import { integrityOf } from '../../helpers/integrity.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const cursorOf = (library: Library) => library.db.prepare('SELECT last_change FROM sync_keys').pluck().get() as number | null;

describe('the writer thread', () => {
  it('stops between two transactions of a long page, and the next run ends where an unstopped one would', async () => {
    const feed = buildBenchFeed(tempDir('writer-feed-'), 1_000, 1_000, 3);
    const library = await tempLibrary('writer-station-');
    const phases: string[] = [];
    const service = new SyncService(library, { onChange: (status) => status.progress && phases.push(status.progress.phase) });
    try {
      const row = addSource(library, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
      expect((await service.start('manual', row.id).done).run.status).toBe('ok');
      const afterSnapshot = cursorOf(library);
      fs.cpSync(feed.second, feed.first, { recursive: true }); // the hub publishes three pages

      let stopped = false;
      const stopping = new SyncService(library, {
        onChange: (status) => {
          if (!stopped && status.progress?.phase === 'pages' && status.progress.publicationsDone > 0) {
            stopped = true;
            stopping.stop();
          }
        },
      });
      const halted = await stopping.start('manual', row.id).done;
      await stopping.dispose();
      expect(halted.run.status).toBe('stopped');
      expect(halted.run.message).toEqual({ key: 'feed.stopped' });
      // Stopped between two transactions: not all pages are in, the file is sound.
      const atStop = cursorOf(library);
      expect(integrityOf(library)).toBe('ok');

      const resumed = await service.start('manual', row.id).done;
      expect(resumed.run.status).toBe('ok');
      expect(cursorOf(library)).toBeGreaterThan(atStop ?? -1);
      expect(atStop).toBeGreaterThanOrEqual(afterSnapshot ?? -1);
      expect(phases).toContain('pages');
      expect(integrityOf(library)).toBe('ok');

      // The same feed applied in one go by another station gives the same catalog.
      const other = await tempLibrary('writer-other-');
      const otherService = new SyncService(other);
      try {
        const otherRow = addSource(other, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
        expect((await otherService.start('manual', otherRow.id).done).run.status).toBe('ok');
        const titles = (lib: Library) => lib.db.prepare("SELECT id, title, number, issued_date FROM publications WHERE origin = 'national' ORDER BY id").all();
        expect(cursorOf(library)).toBe(cursorOf(other));
        expect(countPublications(library.db)).toBe(countPublications(other.db));
        expect(titles(library)).toEqual(titles(other));
      } finally {
        await otherService.dispose();
      }
    } finally {
      await service.dispose();
    }
  }, 120_000);

  it('records a refusal found in the thread with its reason, by reference', async () => {
    const feed = buildBenchFeed(tempDir('writer-feed-'), 10, 10, 1);
    const library = await tempLibrary('writer-station-');
    const service = new SyncService(library);
    try {
      const row = addSource(library, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
      fs.writeFileSync(path.join(feed.first, 'root.json'), '{"not": "a root"}');
      const { run } = await service.start('manual', row.id).done;
      expect(run.status).toBe('refused');
      expect(run.message).toMatchObject({ key: 'feed.refused', params: { code: 'bad_signature', reason: { key: 'feed.signatureMissing' } } });
      expect(countPublications(library.db)).toBe(0);
    } finally {
      await service.dispose();
    }
  });

  it('records a source it cannot read with the reason the thread found, by reference', async () => {
    const library = await tempLibrary('writer-station-');
    const service = new SyncService(library);
    try {
      const publicKey = fs.readFileSync(buildBenchFeed(tempDir('writer-feed-'), 1, 1, 1).publicKeyPath, 'utf8');
      const row = addSource(library, { location: tempDir('writer-empty-'), publicKeys: [publicKey] });
      const { run } = await service.start('manual', row.id).done;
      expect(run).toMatchObject({ status: 'failed', message: { key: 'sync.notFound', params: { path: 'root.json', code: 'ENOENT' } } });
    } finally {
      await service.dispose();
    }
  });

  // Two saves of 1.2 MB with their 9,000 sections: seen taking 50 s on a machine busy with other runs.
  it('saves a book-length document with the caller’s thread free, searchable and counted once it resolves', { timeout: 180_000 }, async () => {
    const library = await tempLibrary('writer-save-');
    const writer = new WriterThread(library.dir);
    try {
      const article = (i: number) => `Điều ${i}. Người lao động có quyền được bảo hiểm xã hội, bảo hiểm y tế và nghỉ hằng năm theo quy định của pháp luật về lao động.`;
      const text = Array.from({ length: 9_000 }, (_, i) => article(i + 1)).join('\n'); // ~1.2 MB
      await writer.save({ records: [{ publication: { id: 'local-sach', kind: 'legal', title: 'Sách lao động', origin: 'local' }, files: [], text: { text, pageStarts: [0], pageCount: 1 } }], count: 'document_added' });
      // The thread is started; now the caller's event loop is watched while the next save runs.
      let longest = 0;
      let last = performance.now();
      const ticks = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      await writer.save({ records: [{ publication: { id: 'local-sach-2', kind: 'legal', title: 'Sách lao động 2', origin: 'local' }, files: [], text: { text: text.replaceAll('nghỉ hằng năm', 'nghỉ thai sản'), pageStarts: [0], pageCount: 1 } }], count: 'document_added' });
      const took = performance.now() - started;
      clearInterval(ticks);
      console.log(`save of ${text.length} characters: ${took.toFixed(0)} ms, longest gap of the caller's loop ${longest.toFixed(0)} ms`);
      expect(longest).toBeLessThan(Math.max(150, took / 2));
      const found = (q: string) => search(library.db, { q, offset: 0, limit: 10 }).items.map((item) => item.publication.id);
      expect(found('nghi hang nam')).toEqual(['local-sach']);
      expect(found('nghỉ thai sản')).toEqual(['local-sach-2']);
      expect(library.db.prepare("SELECT count(*) FROM sections WHERE publication_id = 'local-sach'").pluck().get()).toBeGreaterThan(1_000);
      expect(library.db.prepare("SELECT sum(count) FROM usage_days WHERE counter = 'document_added'").pluck().get()).toBe(2);
    } finally {
      await writer.close();
    }
  });

  it('fails only the writes it had when the thread dies, and starts a new thread for the next', async () => {
    const library = await tempLibrary('writer-station-');
    const row = addSource(library, { location: tempDir('writer-empty-'), publicKeys: [fs.readFileSync(buildBenchFeed(tempDir('writer-feed-'), 1, 1, 1).publicKeyPath, 'utf8')] });
    const thread = new WriterThread(library.dir, new URL('../../fixtures/writer/writer-worker-dies.mjs', import.meta.url));
    const options = { now: new Date(), signal: new AbortController().signal, onProgress: () => undefined };
    try {
      await expect(thread.sync(getSource(library, row.id), options)).rejects.toThrow(/exited \(code 3\)/);
      await expect(thread.save({ records: [] })).rejects.toThrow(/exited \(code 3\)/);
    } finally {
      await thread.close();
    }
  });
});
