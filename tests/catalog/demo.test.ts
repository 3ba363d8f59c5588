import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { DEMO_DIR } from '../../catalog/package-root.js';
import { getPublication, listPublications, upsertPublication } from '../../catalog/publications.js';
import { tempDir } from '../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../helpers/temp-library.js';

interface Entry {
  id: string;
  kind: string;
  title: string;
  number?: string;
  file?: { name: string; mediaType: string };
}
const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'manifest.json'), 'utf8')) as { publications: Entry[] };

describe('demo library', () => {
  it('ships a few dozen real documents, gazette PDFs and one Vietnamese EPUB, under 10 MB', () => {
    const bytes = fs.readdirSync(DEMO_DIR).reduce((sum, name) => sum + fs.statSync(path.join(DEMO_DIR, name)).size, 0);
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
    expect(manifest.publications.length).toBeGreaterThanOrEqual(24);
    const files = manifest.publications.flatMap((p) => (p.file ? [p.file] : []));
    expect(files.filter((f) => f.mediaType === 'application/pdf').length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.mediaType === 'application/epub+zip')).toHaveLength(1);
    for (const file of files) {
      const head = fs.readFileSync(path.join(DEMO_DIR, file.name)).subarray(0, 4).toString('latin1');
      expect(head, file.name).toBe(file.mediaType === 'application/pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
    expect(new Set(manifest.publications.map((p) => p.id)).size).toBe(manifest.publications.length);
  });

  it('fills an empty library with every publication and its verified files', async () => {
    const library = await tempLibrary();
    const result = await loadDemoIfEmpty(library);
    expect(result).toEqual({ loaded: true, publications: manifest.publications.length, files: manifest.publications.filter((p) => p.file).length });
    const info = library.info();
    expect(info.publications).toBe(manifest.publications.length);
    expect(info.filesPresent).toBe(result.files);
    const decree = getPublication(library.db, 'nghi-dinh-so-158-2025-nd-cp-45240');
    expect(decree).toMatchObject({ number: '158/2025/NĐ-CP', docType: 'Nghị định', issuer: 'Chính phủ', issuedDate: '2025-06-25', available: true });
    const file = decree!.files[0];
    const onDisk = fs.readFileSync(library.files.pathOf(file.sha256));
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(file.sha256);
    expect(onDisk.length).toBe(file.size);
  });

  it('shows a resident, among the new arrivals, only documents she can open here', async () => {
    const library = await tempLibrary();
    await loadDemoIfEmpty(library);
    const readable = manifest.publications.filter((p) => p.file).map((p) => p.id);
    const shelf = listPublications(library.db, { offset: 0, limit: 6, sort: 'added', available: true });
    expect(shelf.total).toBe(readable.length);
    expect(shelf.items.map((p) => p.id).sort()).toEqual([...readable].sort().slice(0, 6));
    expect(shelf.items.every((p) => p.available)).toBe(true);
    // The whole list still has every document, most of them with their details only.
    const all = listPublications(library.db, { offset: 0, limit: 100, sort: 'added' });
    expect(all.total).toBe(manifest.publications.length);
    expect(all.items.filter((p) => !p.available)).toHaveLength(manifest.publications.length - readable.length);
    expect(library.info().demo).toEqual({ state: 'loaded', count: manifest.publications.length });
  });

  it('leaves a library that already has publications alone', async () => {
    const library = await tempLibrary();
    library.db.transaction(() => upsertPublication(library.db, { id: 'local-1', kind: 'guide', title: 'Sổ tay của xã' }, []))();
    expect(await loadDemoIfEmpty(library)).toMatchObject({ loaded: false });
    expect(listPublications(library.db, { offset: 0, limit: 100, sort: 'title' }).total).toBe(1);
  });

  it('loads once: a second start does not duplicate anything', async () => {
    const dir = tempDir();
    const first = await openTestLibrary(dir);
    await loadDemoIfEmpty(first);
    first.close();
    const second = await openTestLibrary(dir);
    expect(await loadDemoIfEmpty(second)).toMatchObject({ loaded: false });
    expect(second.info().publications).toBe(manifest.publications.length);
  });

  it('leaves the library empty when the demo set is damaged', async () => {
    const broken = tempDir();
    fs.writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify({ publications: [{ id: 'x', kind: 'legal', title: 'X', file: { name: 'missing.pdf', mediaType: 'application/pdf' } }] }));
    const library = await tempLibrary();
    await expect(loadDemoIfEmpty(library, broken)).rejects.toThrow();
    expect(library.info().publications).toBe(0);
  });
});
