import { describe, expect, it } from 'vitest';
import { deletePublication, pageAt, saveDocuments } from '../../catalog/documents.js';
import { tempLibrary } from '../helpers/temp-library.js';

const record = (id: string, title: string) => ({ publication: { id, kind: 'legal' as const, title }, files: [], text: { text: `${title}\nĐiều 1. Phạm vi\nNội dung.`, pageStarts: [0], pageCount: 1 } });

describe('saving documents', () => {
  it('logs every put and delete in order, for the next publish', async () => {
    const library = await tempLibrary();
    saveDocuments(library.db, [record('a', 'Luật A'), record('b', 'Luật B')]);
    deletePublication(library.db, 'a');
    deletePublication(library.db, 'khong-co');
    saveDocuments(library.db, [record('b', 'Luật B sửa đổi')]);
    const log = library.db.prepare('SELECT publication_id AS id, op FROM changes ORDER BY seq').all();
    expect(log).toEqual([
      { id: 'a', op: 'put' },
      { id: 'b', op: 'put' },
      { id: 'a', op: 'delete' },
      { id: 'b', op: 'put' },
    ]);
  });

  it('stores metadata without control characters, whoever sent it (an import, a feed, an upload)', async () => {
    const library = await tempLibrary();
    saveDocuments(library.db, [
      {
        publication: { id: 'esc', kind: 'legal', title: 'Luật\u001b]0;pwned\u0007 Đất đai\n2024', issuer: 'Quốc\u202e hội', description: 'Dòng 1\r\nDòng\u001b[2J 2', authors: ['A\u0000B'] },
        files: [],
      },
    ]);
    const row = library.db.prepare('SELECT title, issuer, description, authors FROM publications WHERE id = ?').get('esc');
    expect(row).toEqual({ title: 'Luật Đất đai 2024', issuer: 'Quốc hội', description: 'Dòng 1\nDòng 2', authors: '["A B"]' });
  });

  it('writes nothing when one document of a batch fails', async () => {
    const library = await tempLibrary();
    const bad = { publication: { id: 'x', kind: 'nonsense' as 'legal', title: 'X' }, files: [] };
    expect(() => saveDocuments(library.db, [record('ok', 'Luật OK'), bad])).toThrow();
    for (const table of ['publications', 'publication_texts', 'sections', 'passages', 'changes', 'search_docs']) {
      expect(library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('finds the page of an offset', () => {
    expect(pageAt([0, 100, 250], 0)).toBe(1);
    expect(pageAt([0, 100, 250], 99)).toBe(1);
    expect(pageAt([0, 100, 250], 100)).toBe(2);
    expect(pageAt([0, 100, 250], 9999)).toBe(3);
    expect(pageAt([], 5)).toBeNull();
  });
});
