/** Reading counts: one count per opening and day, "most read" over a window, nothing about who read. */
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import { localDay, mostRead, recordRead } from '../../catalog/reads.js';
import { tempLibrary } from '../helpers/temp-library.js';

async function libraryWith(ids: string[]) {
  const library = await tempLibrary('reads-');
  saveDocuments(
    library.db,
    ids.map((id) => ({ publication: { id, kind: 'legal' as const, title: `Luật ${id}` }, files: [] })),
  );
  return library;
}

describe('reading counts', () => {
  it('counts openings per day and ranks the most read in a window', async () => {
    const library = await libraryWith(['a', 'b', 'c']);
    const today = new Date('2026-11-29T10:00:00');
    const longAgo = new Date('2026-01-02T10:00:00');
    for (let i = 0; i < 3; i += 1) recordRead(library.db, 'b', today);
    recordRead(library.db, 'a', today);
    for (let i = 0; i < 9; i += 1) recordRead(library.db, 'c', longAgo);
    expect(recordRead(library.db, 'no-such-id', today)).toBe(false);

    expect(library.db.prepare('SELECT day, publication_id, count FROM reads ORDER BY day, publication_id').all()).toEqual([
      { day: '2026-01-02', publication_id: 'c', count: 9 },
      { day: '2026-11-29', publication_id: 'a', count: 1 },
      { day: '2026-11-29', publication_id: 'b', count: 3 },
    ]);
    expect(mostRead(library.db, 5, 90, today).map((p) => p.id)).toEqual(['b', 'a']);
    expect(mostRead(library.db, 5, 365, today).map((p) => p.id)).toEqual(['c', 'b', 'a']);
    expect(mostRead(library.db, 1, 365, today).map((p) => p.id)).toEqual(['c']);
    expect(localDay(today)).toBe('2026-11-29');
    // Only counts: no column could say who read.
    expect((library.db.prepare('PRAGMA table_info(reads)').all() as { name: string }[]).map((c) => c.name)).toEqual(['day', 'publication_id', 'count']);
  });
});
