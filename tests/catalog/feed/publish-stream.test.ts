/**
 * The streamed publish writes what the whole-catalog-in-memory publish wrote (in-memory-publish.ts),
 * byte for byte — pages, snapshot, every OPDS file (its title sort merged from runs of 100 written
 * to disk) — on a hub of 3,000 generated publications plus documents with covers, a text and its
 * relations, title ties and a demo row, over a first publish and one of deletes, edits and
 * additions; the signed root names the snapshot by its sha256; a station syncs the feed to the
 * hub's catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { deletePublication, saveDocuments } from '../../../catalog/documents.js';
import type { Library } from '../../../catalog/library.js';
import type { NewFileLink } from '../../../catalog/publications.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { PublishOptions } from '../../../catalog/feed/publish.js';
import { signaturePathOf, verifyRoot } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { FolderSource } from '../../../catalog/sync/source.js';
import { getSource } from '../../../catalog/sync/sources.js';
import { generateCatalog } from '../../helpers/generated-catalog.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { expectedFeed } from './in-memory-publish.js';
import { keys } from './fixtures.js';

// Removing the libraries and feed after the file (some 6,000 files) takes its time on a busy machine.
vi.setConfig({ hookTimeout: 60_000 });

const hubKey = keys();
const sources = tempDir('stream-src-');
const TITLE = 'Thư viện pháp luật tỉnh';
const FEED_OPTIONS = { pageOps: 100, pageTextBytes: 512 * 1024, opdsPageSize: 40, opdsRunSize: 100 };

/** A document saved the way an import saves it: its file (and a cover) in the store, a text when given. */
async function addDocument(library: Library, id: string, title: string, extra: { fields?: string[]; docType?: string | null; cover?: boolean; text?: string; pending?: boolean } = {}) {
  const stored = async (bytes: string) => {
    const file = path.join(sources, sha256Hex(bytes));
    fs.writeFileSync(file, bytes);
    return library.files.putFile(file);
  };
  const files: NewFileLink[] = [{ ...(await stored(`%PDF-1.4 ${id} ${title}`)), mediaType: 'application/pdf', state: extra.pending ? 'pending' : 'present', role: 'content' }];
  if (extra.cover) files.push({ ...(await stored(`PNG ${id}`)), mediaType: 'image/png', state: 'present', role: 'cover' });
  saveDocuments(library.db, [
    {
      publication: { id, kind: 'legal', title, issuedDate: '2024-06-01', fields: extra.fields ?? ['Đất đai'], docType: extra.docType === undefined ? 'Luật' : extra.docType, issuer: 'Quốc hội' },
      files,
      ...(extra.text ? { text: { text: extra.text, pageStarts: [0], pageCount: 1 } } : {}),
    },
  ]);
}

async function hub(): Promise<Library> {
  const library = await tempLibrary('stream-hub-');
  setSetting(library.db, SETTINGS.libraryName, TITLE);
  generateCatalog(library, { count: 3000, presentEvery: 2 });
  // Titles equal but for accents or case (the collation decides, then the id), fields repeated or differing only in case.
  for (const [i, title] of ['Đất đai', 'Dat dai', 'đất đai', 'Ấn phẩm', 'An pham', 'ả', 'a', 'Trùng tên', 'Trùng tên'].entries()) {
    await addDocument(library, `tie-${i}`, title, { fields: i % 2 ? ['đất đai', 'Đất đai', 'đất đai'] : ['Dat dai'], docType: i % 3 ? 'Nghị định' : null, cover: i % 2 === 0 });
  }
  await addDocument(library, 'text-1', 'Luật có văn bản', { text: 'Điều 1. Phạm vi\nLuật này thay thế Luật Đất đai số 45/2013/QH13.\nĐiều 2. Hiệu lực\nLuật này có hiệu lực từ ngày 01 tháng 8 năm 2024.' });
  await addDocument(library, 'pending-1', 'Chưa có tệp', { pending: true });
  await addDocument(library, 'demo-1', 'Bản mẫu');
  library.db.prepare("INSERT INTO demo_publications (publication_id) VALUES ('demo-1')").run();
  return library;
}

/** Publishes and checks every file written against the in-memory reference; returns the root. */
async function publishAndCompare(library: Library, outDir: string, options: Partial<PublishOptions> = {}) {
  const previous = fs.existsSync(path.join(outDir, 'root.json')) ? (JSON.parse(fs.readFileSync(path.join(outDir, 'root.json'), 'utf8')) as { pages: { lastChange: number }[] }) : null;
  const since = previous ? Math.max(0, ...previous.pages.map((page) => page.lastChange)) : 0;
  const result = await publish(library, { outDir, privateKey: hubKey.privateKey, ...FEED_OPTIONS, ...options });
  const expected = expectedFeed(library, since, { ...FEED_OPTIONS, title: TITLE });

  const bytes = fs.readFileSync(path.join(outDir, 'root.json'));
  const verified = verifyRoot(bytes, fs.readFileSync(path.join(outDir, signaturePathOf(bytes))), { keys: [hubKey.publicKey] });
  if (!verified.ok) throw new Error(verified.code);
  const { root } = verified;
  const newPages = root.pages.slice(previous?.pages.length ?? 0).map((page) => fs.readFileSync(path.join(outDir, page.path)));
  expect(newPages.map(sha256Hex)).toEqual(expected.pages.map(sha256Hex));
  if (result.snapshot) {
    const snapshot = fs.readFileSync(path.join(outDir, root.snapshot!.path));
    expect({ sha256: sha256Hex(snapshot), size: snapshot.length }).toEqual({ sha256: root.snapshot!.sha256, size: root.snapshot!.size });
    expect(snapshot.equals(expected.snapshot)).toBe(true);
  }
  const opds = fs.readdirSync(path.join(outDir, 'opds')).filter((name) => name !== 'cover.png');
  expect(opds.sort()).toEqual([...expected.opds.keys()].map((name) => name.slice('opds/'.length)).sort());
  for (const [name, body] of expected.opds) expect(fs.readFileSync(path.join(outDir, name)).equals(body), name).toBe(true);
  // Nothing of the sort is left in the library's temporary folder.
  expect(fs.readdirSync(library.layout.temp, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.jsonl'))).toEqual([]);
  return { result, root };
}

// A station stamps its own updated_at when it writes a row.
const columns = 'id, kind, title, number, doc_type, issuer, issued_date, effective_date, legal_status, fields, language, authors, publisher, description';

describe('a publish that streams', () => {
  it('writes byte for byte what the in-memory publish wrote, and a station syncs it to the same catalog', { timeout: 120_000 }, async () => {
    const library = await hub();
    const outDir = path.join(tempDir('stream-feed-'), 'feed');

    const first = await publishAndCompare(library, outDir, { snapshot: true });
    expect(first.result).toMatchObject({ published: true, ops: 3011, pages: 31, snapshot: true, files: 1515, texts: 1 });

    deletePublication(library.db, 'vb-0000003');
    deletePublication(library.db, 'tie-4');
    await addDocument(library, 'vb-0000006', 'Sửa đổi một', { fields: ['Y tế'] });
    await addDocument(library, 'vb-0000006', 'Sửa đổi hai', { fields: ['Giao thông'] });
    await addDocument(library, 'demo-1', 'Bản mẫu sửa');
    generateCatalog(library, { count: 300, from: 9000, presentEvery: 3 });
    const second = await publishAndCompare(library, outDir);
    expect(second.result).toMatchObject({ published: true, ops: 303, pages: 35, snapshot: false, files: 101 });

    const station = await tempLibrary('stream-station-');
    const id = Number(station.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(outDir, JSON.stringify([fs.readFileSync(hubKey.publicKeyPath, 'utf8')])).lastInsertRowid);
    await syncOnce(station, getSource(station, id), new FolderSource(outDir));
    const rows = (db: Library['db'], where = '') => db.prepare(`SELECT ${columns} FROM publications ${where} ORDER BY id`).all();
    expect(rows(station.db)).toEqual(rows(library.db, "WHERE id != 'demo-1'"));
    const files = 'SELECT pf.publication_id, f.sha256, f.size, f.media_type, pf.role FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256 ORDER BY 1, 2';
    expect(station.db.prepare(files).all()).toEqual(library.db.prepare(files).all().filter((row) => (row as { publication_id: string }).publication_id !== 'demo-1'));
    expect(station.db.prepare('SELECT publication_id, object_sha256 FROM publication_texts').all()).toEqual(library.db.prepare('SELECT publication_id, object_sha256 FROM publication_texts').all());
  });
});
