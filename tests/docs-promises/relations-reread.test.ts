/**
 * docs/relations.md: a text whose reading was made by an older reader is read again (in the
 * background, catalog/relations/backfill.ts); a reading a feed gave is not. A library on disk
 * holds a circular that replaces another; its reading is made to look like an older reader's (its
 * relations lost), the library is opened again, and the background reading restores them.
 */
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import type { DocumentRecord } from '../../catalog/documents.js';
import { readPendingRelations } from '../../catalog/relations/backfill.js';
import { READER_VERSION, textsMayBeUnread } from '../../catalog/relations/readings.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { tempDir } from '../helpers/temp-dir.js';
import { openTestLibrary } from '../helpers/temp-library.js';

const TEXT = [
  'THÔNG TƯ',
  'Hướng dẫn công tác thi đua, khen thưởng',
  'Điều 12. Hiệu lực thi hành',
  '1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02 năm 2024.',
  '2. Thông tư này thay thế Thông tư số 08/2019/TT-BLĐTBXH ngày 08 tháng 3 năm 2019 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội.',
].join('\n');

const law = (id: string, number: string): DocumentRecord => ({
  publication: { id, kind: 'legal', title: 'Thông tư hướng dẫn công tác thi đua, khen thưởng', number, docType: 'Thông tư', issuer: 'Bộ Lao động - Thương binh và Xã hội', issuedDate: '2023-12-29' },
  files: [],
  text: { text: TEXT, pageStarts: [0], pageCount: 1 },
  sections: parseStructure(TEXT),
});

describe('a text read by an older reader', () => {
  it('is read again in the background; one whose reading a feed gave is not', async () => {
    const dir = tempDir('relations-reread-');
    const first = await openTestLibrary(dir);
    saveDocuments(first.db, [law('thong-tu-16', '16/2023/TT-BLĐTBXH'), law('ban-sao-tu-hub', '17/2023/TT-BLĐTBXH')]);
    const relations = (id: string) => first.db.prepare('SELECT kind, target_number FROM relations WHERE publication_id = ? ORDER BY 1, 2').all(id);
    const read = relations('thong-tu-16');
    expect(read.length).toBeGreaterThan(0);
    // As an older reader left them: its version below this one, its relations not found.
    first.db.prepare('UPDATE relation_readings SET reader = ?').run(READER_VERSION - 1);
    first.db.prepare("UPDATE relation_readings SET given = 1 WHERE publication_id = 'ban-sao-tu-hub'").run();
    first.db.prepare('DELETE FROM relations').run();
    first.db.prepare("UPDATE settings SET value = json_set(value, '$.reader', ?) WHERE key = 'relations.read'").run(READER_VERSION - 1);
    first.close();

    const library = await openTestLibrary(dir);
    expect(textsMayBeUnread(library.db)).toBe(true);
    expect(await readPendingRelations(library)).toMatchObject({ read: 1, stopped: false });
    const readers = library.db.prepare('SELECT publication_id, reader FROM relation_readings ORDER BY 1').all();
    expect(readers).toEqual([
      { publication_id: 'ban-sao-tu-hub', reader: READER_VERSION - 1 },
      { publication_id: 'thong-tu-16', reader: READER_VERSION },
    ]);
    expect(library.db.prepare("SELECT kind, target_number FROM relations WHERE publication_id = 'thong-tu-16' ORDER BY 1, 2").all()).toEqual(read);
    expect(textsMayBeUnread(library.db)).toBe(false);
    expect(await readPendingRelations(library)).toMatchObject({ read: 0 });
  });
});
