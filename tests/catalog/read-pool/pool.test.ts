/**
 * The read pool (catalog/read-pool/): reads run in worker threads over read-only connections and
 * answer as in-process reads do; the station's reads go before waiting LAN reads; catalog-wide
 * reads are kept until the catalog changes; a search model a reader finds missing is counted
 * and stored by the pool, off the readers' way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { ReadPool } from '../../../catalog/read-pool/pool.js';
import { search } from '../../../catalog/search/search.js';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { tempLibrary } from '../../helpers/temp-library.js';

let library: Library;
let pool: ReadPool;
const searchInput = (q: string) => ({ q, offset: 0, limit: 10, filters: {}, facets: true, asTyped: false });

beforeAll(async () => {
  library = await tempLibrary('read-pool-');
  await loadDemoIfEmpty(library);
  pool = new ReadPool(library.layout.database, library.db, { workers: 2 });
});
afterAll(() => pool.close());

describe('the read pool', () => {
  it('answers a search in a worker as the engine does in-process', async () => {
    const input = searchInput('hợp đồng lao động');
    const fromPool = await pool.run('search', input);
    const inProcess = search(library.db, input);
    expect(fromPool.total).toBeGreaterThan(0);
    expect(fromPool.items.map((i) => i.publication.id)).toEqual(inProcess.items.map((i) => i.publication.id));
    expect(fromPool.facets).toEqual(inProcess.facets);
  });

  it('runs the station’s read before the LAN reads waiting', async () => {
    const order: string[] = [];
    const lan = Array.from({ length: 16 }, (_, i) => pool.run('search', searchInput(`bảo hiểm xã hội ${i}`), 'lan').then(() => order.push(`lan ${i}`)));
    const station = pool.run('search', searchInput('thuế'), 'station').then(() => order.push('station'));
    await Promise.all([...lan, station]);
    // At most the two reads already running finish first.
    expect(order.indexOf('station')).toBeLessThanOrEqual(2);
  });

  it('keeps the facets of the whole catalog until the catalog changes', async () => {
    const first = await pool.run('facets', { q: '', filters: {}, asTyped: false });
    expect(await pool.run('facets', { q: '', filters: {}, asTyped: false })).toBe(first);
    saveDocuments(library.db, [{ publication: { id: 'moi', kind: 'legal', title: 'Quyết định mới', docType: 'Quyết định loại mới' }, files: [] }]);
    const after = await pool.run('facets', { q: '', filters: {}, asTyped: false });
    expect(after).not.toBe(first);
    expect(after.docType).toContainEqual({ value: 'Quyết định loại mới', count: 1 });
  });

  it('has a missing accent model counted and stored over a writable connection, while the search is answered', async () => {
    library.db.prepare('DELETE FROM search_models').run();
    const fresh = new ReadPool(library.layout.database, library.db, { workers: 1 });
    try {
      expect((await fresh.run('search', searchInput('hop dong lao dong'))).total).toBeGreaterThan(0);
      const stored = () => library.db.prepare('SELECT count(*) FROM search_models').pluck().get() as number;
      for (let i = 0; i < 100 && !stored(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stored()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('goes on after a worker dies: the read it ran fails, the next one is answered', async () => {
    const lone = new ReadPool(library.layout.database, library.db, { workers: 1, log: () => undefined });
    try {
      await lone.run('suggest', { q: 'lu', limit: 5 });
      const running = lone.run('search', searchInput('đất đai'));
      await (lone as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0].worker.terminate();
      await expect(running).rejects.toThrow();
      expect((await lone.run('suggest', { q: 'lu', limit: 5 })).length).toBeGreaterThan(0);
    } finally {
      await lone.close();
    }
  });
});

