// Importing into a real library (SQLite on disk, the file store): a gazette PDF becomes a legal
// document with its header and articles, the EPUB a book; the same bytes twice are one
// publication; a failed save leaves no rows and no orphan files; folders are walked.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../catalog/library.js';
import { getPublication, countPublications } from '../../../catalog/publications.js';
import { collectFiles, importFiles } from '../../../catalog/import/importer.js';
import { removeOrphanFiles } from '../../../catalog/store/gc.js';
import { localId } from '../../../catalog/import/record.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { DEMO, makeEpub } from './helpers.js';

const GAZETTE = DEMO('quyet-dinh-so-28-2021-qd-ttg-34546.pdf');
const BOOK = DEMO('truyen-kieu.epub');

function storedFiles(library: Library): string[] {
  return fs.readdirSync(library.files.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

describe('importFiles', () => {
  it('imports a gazette PDF as a legal document: number, type, issuer, date, articles, text, cover', async () => {
    const library = await tempLibrary();
    const summary = await importFiles(library, [GAZETTE]);
    expect(summary.refused).toEqual([]);
    expect(summary.imported).toHaveLength(1);
    const item = summary.imported[0];
    expect(item.id).toBe(localId(item.sha256));
    expect(item.id).toMatch(/^local-[0-9a-f]{16}$/);
    const pub = getPublication(library.db, item.id)!;
    expect(pub).toMatchObject({
      kind: 'legal',
      number: '28/2021/QĐ-TTg',
      docType: 'Quyết định',
      issuer: 'Thủ tướng Chính phủ',
      issuedDate: '2021-10-01',
      origin: 'local',
      language: 'vi',
      available: true,
    });
    expect(pub.title).toMatch(/^Quyết định quy định về việc thực hiện chính sách hỗ trợ người lao động/);
    expect(pub.files.map((f) => [f.role, f.mediaType]).sort()).toEqual([['content', 'application/pdf'], ['cover', 'image/png']]);
    for (const file of pub.files) expect(await library.files.has(file.sha256)).toBe(true);

    const text = library.db.prepare('SELECT text, page_starts, page_count FROM publication_texts WHERE publication_id = ?').get(item.id) as {
      text: string;
      page_starts: string;
      page_count: number;
    };
    expect(text.page_count).toBe(12);
    expect(JSON.parse(text.page_starts)).toHaveLength(12);
    const articles = library.db
      .prepare(`SELECT number, heading, start, page FROM sections WHERE publication_id = ? AND level = 'article' ORDER BY ordinal`)
      .all(item.id) as { number: string; heading: string; start: number; page: number }[];
    expect(articles.length).toBeGreaterThanOrEqual(5);
    expect(articles[0].number).toBe('1');
    expect(text.text.slice(articles[0].start)).toMatch(/^Điều 1\./);
    expect(articles[0].page).toBeGreaterThanOrEqual(1);
  });

  it('imports the EPUB as a book with its title, author and corrected language', async () => {
    const library = await tempLibrary();
    const summary = await importFiles(library, [BOOK]);
    const item = summary.imported[0];
    expect(item).toMatchObject({ kind: 'book', title: 'Truyện Kiều', format: 'epub', language: 'vi' });
    expect(item.tocEntries).toBeGreaterThanOrEqual(4);
    expect(item.notes).toContainEqual({ key: 'import.note.language', params: { declared: '"en-US"', share: expect.stringMatching(/^\d+$/) } });
    const pub = getPublication(library.db, item.id)!;
    expect(pub).toMatchObject({ kind: 'book', title: 'Truyện Kiều', authors: ['Nguyễn Du'], language: 'vi', origin: 'local' });
    expect(pub.files.map((f) => f.mediaType)).toEqual(['application/epub+zip']);
    const { text } = library.db.prepare('SELECT text FROM publication_texts WHERE publication_id = ?').get(item.id) as { text: string };
    expect(text).toContain('Trăm năm trong cõi người ta');
  });

  it('keeps one copy and one publication when the same file comes twice, and counts the duplicate', async () => {
    const library = await tempLibrary();
    const copy = path.join(tempDir(), 'ban-sao.pdf');
    fs.copyFileSync(GAZETTE, copy);
    const first = await importFiles(library, [GAZETTE]);
    const filesAfterFirst = storedFiles(library);
    const second = await importFiles(library, [GAZETTE, copy]);
    expect(first.imported).toHaveLength(1);
    expect(second.imported).toHaveLength(0);
    expect(second.duplicates).toEqual([
      expect.objectContaining({ path: GAZETTE, publicationId: first.imported[0].id }),
      expect.objectContaining({ path: copy, publicationId: first.imported[0].id }),
    ]);
    expect(countPublications(library.db)).toBe(1);
    expect(storedFiles(library)).toEqual(filesAfterFirst);
  });

  it('leaves no rows and no orphan files when saving fails', async () => {
    const library = await tempLibrary();
    // A real database failure inside the one transaction, after the files are stored.
    library.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON sections BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const summary = await importFiles(library, [GAZETTE]);
    expect(summary.imported).toEqual([]);
    expect(summary.refused).toEqual([expect.objectContaining({ code: 'save-failed' })]);
    expect(summary.refused[0].reason).toEqual({ key: 'import.detailed', params: { what: { key: 'import.refused.saveFailed' }, detail: expect.stringContaining('disk on fire') } });
    expect(countPublications(library.db)).toBe(0);
    for (const table of ['files', 'publication_files', 'publication_texts', 'sections', 'search_docs']) {
      expect((library.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    expect(storedFiles(library)).toEqual([]);

    // Once the fault is gone the same file imports.
    library.db.exec('DROP TRIGGER fail_import');
    expect((await importFiles(library, [GAZETTE])).imported).toHaveLength(1);
  });

  it('keeps a stored file that another publication uses when a later save fails', async () => {
    const library = await tempLibrary();
    await importFiles(library, [GAZETTE]);
    const before = storedFiles(library);
    library.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON sections BEGIN SELECT RAISE(ABORT, 'no'); END`);
    const summary = await importFiles(library, [DEMO('nghi-quyet-so-17-2022-ubtvqh15-36956.pdf')]);
    expect(summary.refused).toHaveLength(1);
    expect(storedFiles(library)).toEqual(before);
  });

  it("follows a link to a file inside the folder, skips one that leaves it, and never quotes a refused file's content", async () => {
    const outside = tempDir('bookshelf-outside-');
    fs.writeFileSync(path.join(outside, 'shadow'), 'root:$6$secret-hash:19000:0:99999:7:::');
    const dir = tempDir('bookshelf-links-');
    fs.copyFileSync(BOOK, path.join(dir, 'kieu.epub'));
    fs.symlinkSync(path.join(dir, 'kieu.epub'), path.join(dir, 'kieu-link.epub'));
    fs.symlinkSync(path.join(outside, 'shadow'), path.join(dir, 'luat.pdf'));
    const { files, skipped } = await collectFiles([dir]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['kieu-link.epub', 'kieu.epub']);
    expect(skipped).toBe(1);

    // A pipe or a device named on the command line is refused, never read: opening the pipe would
    // wait for a writer for ever and /dev/zero never ends (the test's own timeout would fail either).
    if (process.platform !== 'win32') {
      const fifo = path.join(outside, 'pipe.pdf');
      spawnSync('mkfifo', [fifo]);
      const specials = await collectFiles(['/dev/zero', fifo]);
      expect(specials.files.map((f) => f.refusal?.code)).toEqual(['unreadable', 'unreadable']);
    }

    // A file named on the command line is read as given, but what it holds is never repeated.
    const library = await tempLibrary();
    const summary = await importFiles(library, [path.join(outside, 'shadow')]);
    expect(summary.refused).toHaveLength(1);
    expect(JSON.stringify(summary.refused)).not.toMatch(/root|secret/);
  });

  it('walks folders: PDF and EPUB by extension, others and hidden files skipped, bad ones refused', async () => {
    const dir = tempDir('bookshelf-walk-');
    fs.mkdirSync(path.join(dir, 'sub', 'deeper'), { recursive: true });
    fs.copyFileSync(BOOK, path.join(dir, 'sub', 'deeper', 'kieu.EPUB'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a book');
    fs.writeFileSync(path.join(dir, '._kieu.epub'), 'macOS resource fork');
    fs.writeFileSync(path.join(dir, 'fake.pdf'), 'not a pdf either');
    fs.writeFileSync(path.join(dir, 'sub', 'broken.epub'), makeEpub().subarray(0, 300));
    const { files, skipped } = await collectFiles([dir]);
    expect(files.map((f) => path.relative(dir, f.path))).toEqual(['fake.pdf', path.join('sub', 'broken.epub'), path.join('sub', 'deeper', 'kieu.EPUB')]);
    expect(skipped).toBe(2);

    const library = await tempLibrary();
    const events: string[] = [];
    const summary = await importFiles(library, [dir, path.join(dir, 'missing.pdf')], { onProgress: (e) => events.push(e.phase) });
    expect(summary.imported.map((i) => i.title)).toEqual(['Truyện Kiều']);
    expect(summary.skipped).toBe(2);
    expect(Object.fromEntries(summary.refused.map((r) => [path.basename(r.path), r.code]))).toEqual({
      'fake.pdf': 'not-pdf',
      'broken.epub': 'zip-truncated',
      'missing.pdf': 'unreadable',
    });
    expect(events[0]).toBe('scanned');
    expect(events.filter((e) => e === 'done')).toHaveLength(4);
  });

  it('removes only old store files that nothing references', async () => {
    const library = await tempLibrary();
    await importFiles(library, [GAZETTE]);
    const kept = storedFiles(library);
    const orphan = await library.files.put(Readable.from([Buffer.from('orphan bytes')]));
    expect(await removeOrphanFiles(library)).toEqual([]); // too new: an import may be about to save it
    expect(await removeOrphanFiles(library, 0)).toEqual([orphan.sha256]);
    expect(storedFiles(library)).toEqual(kept);
  });
});
