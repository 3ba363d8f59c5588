/**
 * The sync apply in its own thread (catalog/sync/apply-thread.ts), through the sync service as
 * the app runs it: a stop lands between two transactions of a long page and the next run goes on
 * from there to the same catalog; the thread's failures reach the run's history in plain words;
 * a thread that dies fails only its run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../catalog/library.js';
import { countPublications } from '../../../catalog/publications.js';
import { SyncApplyThread } from '../../../catalog/sync/apply-thread.js';
import { SyncService } from '../../../catalog/sync/service.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { getSource } from '../../../catalog/sync/state.js';
import { buildBenchFeed } from '../../bench/sync-apply.js';
import { integrityOf } from '../../helpers/integrity.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cursorOf = (library: Library) => library.db.prepare('SELECT last_change FROM sync_keys').pluck().get() as number | null;

describe('the sync apply thread', () => {
  it('stops between two transactions of a long page, and the next run ends where an unstopped one would', async () => {
    const feed = buildBenchFeed(tempDir('apply-thread-feed-'), 1_000, 1_000, 3);
    const library = await Library.open(tempDir('apply-thread-station-'));
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
      expect(halted.run.message).toMatch(/stopped/i);
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
      const other = await Library.open(tempDir('apply-thread-other-'));
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
        other.close();
      }
    } finally {
      await service.dispose();
      library.close();
    }
  }, 120_000);

  it('records a refusal found in the thread with its reason, in plain words', async () => {
    const feed = buildBenchFeed(tempDir('apply-thread-feed-'), 10, 10, 1);
    const library = await Library.open(tempDir('apply-thread-station-'));
    const service = new SyncService(library);
    try {
      const row = addSource(library, { location: feed.first, publicKeys: [fs.readFileSync(feed.publicKeyPath, 'utf8')] });
      fs.writeFileSync(path.join(feed.first, 'root.json'), '{"not": "a root"}');
      const { run } = await service.start('manual', row.id).done;
      expect(run.status).toBe('refused');
      expect(run.message).toMatch(/từ chối|refused/i);
      expect(countPublications(library.db)).toBe(0);
    } finally {
      await service.dispose();
      library.close();
    }
  });

  it('fails only its run when the thread dies, and starts a new thread for the next', async () => {
    const library = await Library.open(tempDir('apply-thread-station-'));
    const row = addSource(library, { location: tempDir('apply-thread-empty-'), publicKeys: [fs.readFileSync(buildBenchFeed(tempDir('apply-thread-feed-'), 1, 1, 1).publicKeyPath, 'utf8')] });
    const thread = new SyncApplyThread(library.dir, new URL('../../fixtures/sync/apply-worker-dies.mjs', import.meta.url));
    const options = { now: new Date(), signal: new AbortController().signal, onProgress: () => undefined };
    try {
      await expect(thread.run(getSource(library, row.id), options)).rejects.toThrow(/exited \(code 3\)/);
      await expect(thread.run(getSource(library, row.id), options)).rejects.toThrow(/exited \(code 3\)/);
    } finally {
      await thread.close();
      library.close();
    }
  });
});
