/**
 * README.md, "Three commands": an empty library is filled with the demo set — 37 documents from
 * the Official Gazette (five with their PDFs) and Truyện Kiều as an EPUB, about 2.8 MB with their
 * extracted text. Counted in a real library on disk after the demo load, and in catalog/demo/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { DEMO_DIR } from '../../catalog/package-root.js';
import { getPublication, listPublications } from '../../catalog/publications.js';
import { tempLibrary } from '../helpers/temp-library.js';

describe('the demo set', () => {
  it('fills an empty library with 37 gazette documents, five with their PDFs, and Truyện Kiều as an EPUB', async () => {
    const library = await tempLibrary('demo-set-');
    await loadDemoIfEmpty(library);
    const all = listPublications(library.db, { offset: 0, limit: 1000, sort: 'title' }).items.map((item) => getPublication(library.db, item.id)!);
    const legal = all.filter((p) => p.kind === 'legal');
    const others = all.filter((p) => p.kind !== 'legal');
    expect(legal).toHaveLength(37);
    const withPdf = legal.filter((p) => p.files.some((f) => f.mediaType === 'application/pdf' && f.state === 'present'));
    expect(withPdf).toHaveLength(5);
    expect(legal.filter((p) => p.files.length > 0)).toHaveLength(5);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ kind: 'book', title: expect.stringContaining('Truyện Kiều') });
    expect(others[0].files.map((f) => [f.mediaType, f.state])).toEqual([['application/epub+zip', 'present']]);
  });

  it('ships about 2.8 MB with the extracted texts', () => {
    const bytes = fs.readdirSync(DEMO_DIR).reduce((sum, name) => sum + fs.statSync(path.join(DEMO_DIR, name)).size, 0);
    // "About 2.8 MB": rounds to 2.8 million bytes.
    expect(Math.round(bytes / 100_000) / 10).toBe(2.8);
    expect(fs.readdirSync(DEMO_DIR).filter((name) => name.endsWith('.text.json'))).toHaveLength(6);
  });
});
