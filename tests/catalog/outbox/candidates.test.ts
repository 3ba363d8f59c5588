/**
 * The outbox's list to choose from (outbox.candidates), on a real library: only documents this
 * station made whose PDF or EPUB is on disk and that are not in the outbox, newest first; found
 * by words of the title typed without accents or cut short, in any order, or by part of the
 * number; a document queued (or removed again) leaves (or comes back to) the list. Over HTTP it
 * is for signed-in staff only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDocuments } from '../../../catalog/documents.js';
import type { Library } from '../../../catalog/library.js';
import { outboxCandidates } from '../../../catalog/outbox/candidates.js';
import { enqueue, remove } from '../../../catalog/outbox/store.js';
import { startStation } from '../../../catalog/station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { pdfBytes } from './fixtures.js';

interface Doc {
  id: string;
  title: string;
  number?: string;
  origin?: 'local' | 'national';
  mediaType?: string;
  /** No file at all, or one not downloaded yet. */
  file?: 'present' | 'pending' | 'none';
  savedAt: string;
}

async function shelf(library: Library, docs: Doc[]): Promise<void> {
  for (const doc of docs) {
    const source = path.join(tempDir('outbox-cand-'), 'doc.pdf');
    fs.writeFileSync(source, pdfBytes(5_000));
    const stored = await library.files.putFile(source);
    const files = doc.file === 'none' ? [] : [{ ...stored, mediaType: doc.mediaType ?? 'application/pdf', state: doc.file ?? 'present', role: 'content' as const }];
    saveDocuments(library.db, [{ publication: { id: doc.id, kind: 'legal', title: doc.title, number: doc.number ?? null, origin: doc.origin ?? 'local' }, files }], doc.savedAt);
  }
}

const DOCS: Doc[] = [
  { id: 'local-a', title: 'Quyết định về quản lý chợ trên địa bàn xã', number: '12/2024/QĐ-UBND', savedAt: '2025-03-01T08:00:00.000Z' },
  { id: 'local-b', title: 'Công văn hướng dẫn đăng ký hộ tịch', number: '45/UBND-VP', savedAt: '2025-03-03T08:00:00.000Z' },
  { id: 'local-c', title: 'Sổ tay hòa giải ở cơ sở', mediaType: 'application/epub+zip', savedAt: '2025-03-02T08:00:00.000Z' },
  { id: 'quoc-gia', title: 'Luật Hòa giải ở cơ sở', number: '35/2013/QH13', origin: 'national', savedAt: '2025-03-04T08:00:00.000Z' },
  { id: 'local-no-file', title: 'Hòa giải: ghi chép', file: 'none', savedAt: '2025-03-05T08:00:00.000Z' },
  { id: 'local-pending', title: 'Hòa giải: bản chưa tải', file: 'pending', savedAt: '2025-03-05T09:00:00.000Z' },
];

const ids = (library: Library, query = '', limit = 20) => outboxCandidates(library.db, query, limit).map((c) => c.id);

describe('documents to choose for the outbox', () => {
  it('lists the station’s own documents with their file, newest first, with what the list shows', async () => {
    const library = await openTestLibrary(tempDir('outbox-cand-lib-'));
    await shelf(library, DOCS);
    expect(ids(library)).toEqual(['local-b', 'local-c', 'local-a']);
    expect(ids(library, '', 2)).toEqual(['local-b', 'local-c']);
    expect(outboxCandidates(library.db, '', 20)[1]).toEqual({
      id: 'local-c',
      kind: 'legal',
      title: 'Sổ tay hòa giải ở cơ sở',
      number: null,
      savedAt: '2025-03-02T08:00:00.000Z',
      mediaType: 'application/epub+zip',
      size: 5_000,
    });
  });

  it('finds by title words without accents, cut short, in any order, or by part of the number', async () => {
    const library = await openTestLibrary(tempDir('outbox-cand-lib-'));
    await shelf(library, DOCS);
    expect(ids(library, 'hoa giai')).toEqual(['local-c']);
    expect(ids(library, 'Hòa giải')).toEqual(['local-c']);
    expect(ids(library, 'cho quan ly')).toEqual(['local-a']);
    expect(ids(library, 'ho tic')).toEqual(['local-b']);
    expect(ids(library, '12/2024')).toEqual(['local-a']);
    expect(ids(library, '45/ubnd')).toEqual(['local-b']);
    // A syllable must start with the word typed: "oa" is inside "hòa" but starts nothing.
    expect(ids(library, 'oa giai')).toEqual([]);
    expect(ids(library, 'luat')).toEqual([]);
  });

  it('leaves out what is in the outbox, and brings back what is removed from it', async () => {
    const library = await openTestLibrary(tempDir('outbox-cand-lib-'));
    await shelf(library, DOCS);
    const row = enqueue(library.db, 'local-b');
    expect(ids(library)).toEqual(['local-c', 'local-a']);
    remove(library.db, row.id);
    expect(ids(library)).toEqual(['local-b', 'local-c', 'local-a']);
  });

  it('answers signed-in staff over HTTP, and nobody else', async () => {
    const dir = tempDir('outbox-cand-http-');
    const library = await openTestLibrary(dir);
    await shelf(library, DOCS);
    library.close();
    const station = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, rendererDir: tempDir('ui-') });
    try {
      let cookie = '';
      const call = async (method: string, body: unknown) => {
        const response = await fetch(`${station.server.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(body) });
        cookie ||= response.headers.get('set-cookie')?.split(';')[0] ?? '';
        return { status: response.status, body: (await response.json()) as { result?: { id: string }[] } };
      };
      expect((await call('outbox.candidates', {})).status).toBe(403);
      await call('auth.setup', { username: 'thuthu', displayName: 'Thủ thư', password: 'mat-khau-du-dai-1' });
      const found = await call('outbox.candidates', { query: 'so tay' });
      expect(found.status).toBe(200);
      expect(found.body.result?.map((c) => c.id)).toEqual(['local-c']);
    } finally {
      await station.close();
    }
  });
});
