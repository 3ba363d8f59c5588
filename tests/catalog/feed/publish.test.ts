import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, getSetting } from '../../../catalog/db/settings.js';
import { deletePublication } from '../../../catalog/documents.js';
import { publish } from '../../../catalog/feed/publish.js';
import { feedPublicationSchema, pageSchema, snapshotHeaderSchema } from '../../../catalog/feed/pages.js';
import { readSnapshotLines } from '../../../catalog/feed/snapshot-file.js';
import { signaturePathOf, verifyRoot } from '../../../catalog/feed/root.js';
import { runKeygen, runPublish } from '../../../catalog/cli/feed.js';
import { bilingual } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { addDocument, keys, libraryWith, readJson } from './fixtures.js';

const hub = keys();

function verifiedRoot(outDir: string) {
  const bytes = fs.readFileSync(path.join(outDir, 'root.json'));
  const signature = fs.readFileSync(path.join(outDir, signaturePathOf(bytes)));
  const result = verifyRoot(bytes, signature, { keys: [hub.publicKey] });
  if (!result.ok) throw new Error(bilingual(result.reason));
  return result.root;
}

describe('publishing a feed', () => {
  it('writes a signed root, a change page, the files and the OPDS view; settings follow', async () => {
    const library = await libraryWith(2);
    const outDir = tempDir();
    const result = await publish(library, { outDir, privateKey: hub.privateKey });
    expect(result).toMatchObject({ published: true, sequence: 1, ops: 2, pages: 1, files: 2 });
    const root = verifiedRoot(outDir);
    expect(root.keyId).toBe(hub.keyId);
    const [ref] = root.pages;
    const page = pageSchema.parse(readJson(path.join(outDir, ref.path)));
    expect(fs.statSync(path.join(outDir, ref.path)).size).toBe(ref.size);
    expect(page.ops.map((op) => (op.op === 'put' ? op.publication.id : op.id))).toEqual(['luat-1', 'luat-2']);
    for (const op of page.ops) {
      if (op.op !== 'put') throw new Error('expected puts');
      const [file] = op.publication.files;
      expect(fs.readFileSync(path.join(outDir, 'files', file.sha256.slice(0, 2), file.sha256))).toEqual(fs.readFileSync(library.files.pathOf(file.sha256)));
    }
    expect(fs.existsSync(path.join(outDir, 'opds/root.json'))).toBe(true);
    expect(getSetting(library.db, SETTINGS.publishSequence)).toBe(1);
    expect(getSetting(library.db, SETTINGS.publishLastChange)).toBe(ref.lastChange);
  });

  it('does nothing when nothing changed', async () => {
    const library = await libraryWith(1);
    const outDir = tempDir();
    await publish(library, { outDir, privateKey: hub.privateKey });
    const before = fs.readFileSync(path.join(outDir, 'root.json'));
    const again = await publish(library, { outDir, privateKey: hub.privateKey });
    expect(again).toMatchObject({ published: false, sequence: 1 });
    expect(fs.readFileSync(path.join(outDir, 'root.json'))).toEqual(before);
  });

  it('re-signs an unchanged root when it nears its expiry, or when asked, so stations never see it lapse', async () => {
    const library = await libraryWith(1);
    const outDir = tempDir();
    const day = 86_400_000;
    const t0 = new Date('2026-11-01T00:00:00Z');
    await publish(library, { outDir, privateKey: hub.privateKey, now: t0, expiresInDays: 30 });
    const first = verifiedRoot(outDir);
    // 19 days later: 11 days left, more than the 10-day margin: nothing written.
    expect(await publish(library, { outDir, privateKey: hub.privateKey, now: new Date(t0.getTime() + 19 * day) })).toMatchObject({ published: false });
    // 21 days later: 9 days left: a new root, same pages, new sequence and expiry.
    const refreshed = await publish(library, { outDir, privateKey: hub.privateKey, now: new Date(t0.getTime() + 21 * day), expiresInDays: 30 });
    expect(refreshed).toMatchObject({ published: true, refreshed: true, sequence: 2, ops: 0 });
    const second = verifiedRoot(outDir);
    expect(second.pages).toEqual(first.pages);
    expect(second.expiresAt).toBe(new Date(t0.getTime() + 51 * day).toISOString());
    // Asked for explicitly (--refresh), with plenty of time left.
    const out: string[] = [];
    const code = await runPublish({ libraryDir: library.dir, out: outDir, key: hub.privateKeyPath, snapshot: false, refresh: true }, (t) => void out.push(t));
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/re-signed with a new expiry \(sequence 3\)/);
  });

  it('publishes only the changes since the last publish, collapsed, with deletes', async () => {
    const library = await libraryWith(3);
    const outDir = tempDir();
    await publish(library, { outDir, privateKey: hub.privateKey });
    deletePublication(library.db, 'luat-1');
    await addDocument(library, 'luat-2', 'Luật số 2 (sửa đổi)', 'nội dung mới');
    await addDocument(library, 'luat-2', 'Luật số 2 (sửa đổi lần 2)', 'nội dung mới hơn');
    const result = await publish(library, { outDir, privateKey: hub.privateKey });
    // Only the current version's file is placed: the intermediate one is referenced by nothing.
    expect(result).toMatchObject({ published: true, sequence: 2, ops: 2, pages: 2, files: 1 });
    const root = verifiedRoot(outDir);
    const page = pageSchema.parse(readJson(path.join(outDir, root.pages[1].path)));
    expect(page.firstChange).toBe(root.pages[0].lastChange + 1);
    expect(page.ops).toHaveLength(2);
    expect(page.ops[0]).toEqual({ op: 'delete', id: 'luat-1' });
    expect(page.ops[1]).toMatchObject({ op: 'put', publication: { id: 'luat-2', title: 'Luật số 2 (sửa đổi lần 2)' } });
  });

  it('writes a snapshot of the current publications when asked, or past the page threshold', async () => {
    const library = await libraryWith(2);
    const outDir = tempDir();
    await publish(library, { outDir, privateKey: hub.privateKey, snapshotThreshold: 2 });
    expect(verifiedRoot(outDir).snapshot).toBeNull();
    deletePublication(library.db, 'luat-2');
    const second = await publish(library, { outDir, privateKey: hub.privateKey, snapshotThreshold: 2 });
    expect(second.snapshot).toBe(true);
    const root = verifiedRoot(outDir);
    const file = path.join(outDir, root.snapshot!.path);
    expect(root.snapshot!.path).toMatch(/^snapshots\/[0-9a-f]{64}\.jsonl$/);
    expect(root.snapshot!.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    const [header, ...lines] = [...readSnapshotLines(file)].map((line) => JSON.parse(line.text) as unknown);
    expect(snapshotHeaderSchema.parse(header)).toEqual({ format: 'tu-sach-feed-snapshot/1', lastChange: root.pages[1].lastChange, publications: 1 });
    expect(lines.map((pub) => feedPublicationSchema.parse(pub).id)).toEqual(['luat-1']);
    expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    // Asked for, with no changes: a new root with a new snapshot reference, no new page.
    const asked = await publish(library, { outDir, privateKey: hub.privateKey, snapshot: true });
    expect(asked).toMatchObject({ published: true, sequence: 3, ops: 0, pages: 2, snapshot: true });
    expect(verifiedRoot(outDir).snapshot).toMatchObject({ sequence: 3 });
  });

  it('leaves the previous root and settings intact when a publish fails midway', async () => {
    const library = await libraryWith(1);
    const outDir = tempDir();
    await publish(library, { outDir, privateKey: hub.privateKey });
    const before = fs.readFileSync(path.join(outDir, 'root.json'));
    const stored = await addDocument(library, 'luat-9', 'Luật số 9', 'sẽ bị mất');
    fs.rmSync(library.files.pathOf(stored.sha256));
    await expect(publish(library, { outDir, privateKey: hub.privateKey })).rejects.toThrow(/missing from the store/);
    expect(fs.readFileSync(path.join(outDir, 'root.json'))).toEqual(before);
    expect(getSetting(library.db, SETTINGS.publishSequence)).toBe(1);
    expect(fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails cleanly when files/ cannot be written, before any root exists', async () => {
    const library = await libraryWith(1);
    const outDir = tempDir();
    fs.writeFileSync(path.join(outDir, 'files'), 'a file where the files/ folder should be'); // works even as root
    await expect(publish(library, { outDir, privateKey: hub.privateKey })).rejects.toThrow();
    expect(fs.existsSync(path.join(outDir, 'root.json'))).toBe(false);
    expect(getSetting(library.db, SETTINGS.publishSequence)).toBe(0);
  });

  it('the CLI makes keys and publishes, with bilingual output', async () => {
    const library = await libraryWith(1);
    const libraryDir = library.dir;
    const lines: string[] = [];
    const write = (text: string) => lines.push(text);
    const keyDir = tempDir();
    expect(await runKeygen({ out: keyDir }, write)).toBe(0);
    expect(lines.join('')).toMatch(/Key id: [0-9a-f]{64}/);
    const outDir = tempDir();
    const flags = { libraryDir, out: outDir, key: path.join(keyDir, 'feed-private.pem'), snapshot: false, refresh: false };
    expect(await runPublish(flags, write)).toBe(0);
    expect(lines.join('')).toMatch(/sequence 1[\s\S]*New files: 1/);
    expect(await runPublish(flags, write)).toBe(0);
    expect(lines.at(-1)).toMatch(/No changes/);
  });
});
