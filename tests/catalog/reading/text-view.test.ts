/**
 * publications.text over HTTP, as any reader (a phone on the LAN, the kiosk) calls it, against a
 * station on the demo set: a law's text in headings and paragraphs with its table of contents,
 * opened at the article a search hit names, the searched words marked as the results page marks
 * them, a long law in parts, a book's verse kept line by line, and a document without text said so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { saveDocuments } from '../../../catalog/documents.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import type { PublicationText, TextParagraphBlock } from '../../../shared/contract/reading.js';
import { vnFold } from '../../../shared/text.js';
import { CORPORA, corpusMissing } from '../../helpers/corpora.js';
import { gazetteRecords } from '../../helpers/gazette-catalog.js';
import { jsonBody } from '../../helpers/json-body.js';
import { tempDir } from '../../helpers/temp-dir.js';

const LAW = 'luat-so-69-2020-qh14-32699';
const BHXH = 'luat-so-41-2024-qh15-42576';
let station: RunningStation;

beforeAll(async () => {
  const ui = tempDir();
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Tủ sách</title>');
  station = await startStation({ libraryDir: tempDir(), host: '127.0.0.1', port: 0, demo: true, rendererDir: ui });
});
afterAll(() => station.close());

async function call(input: Record<string, unknown>): Promise<{ status: number; body: { ok: boolean; result: PublicationText; error?: { code: string } } }> {
  // A connection each: reading the corpus (below) holds this process, server and client both, past
  // the server's 5 s keep-alive, and a kept connection would be written to as the server drops it.
  const headers = { 'Content-Type': 'application/json', Connection: 'close' };
  const response = await fetch(`${station.server.url}/api/publications.text`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: response.status, body: await jsonBody(response) };
}

const text = async (input: Record<string, unknown>) => (await call(input)).body.result;

describe('publications.text', () => {
  it('gives a law’s text as headings and paragraphs, with its table of contents, to anyone', async () => {
    const law = await text({ id: LAW });
    expect(law).toMatchObject({ id: LAW, hasText: true, readable: true, part: 0 });
    const first = law.contents.find((h) => h.level === 'article');
    expect(first).toMatchObject({ label: 'Điều 1', title: 'Phạm vi điều chỉnh', part: 0 });
    const at = law.blocks.findIndex((b) => b.kind === 'heading' && b.label === 'Điều 1');
    expect(at).toBeGreaterThan(0);
    const body = law.blocks[at + 1] as TextParagraphBlock;
    expect(body.kind).toBe('paragraph');
    expect(body.section).toBe(first?.section);
    expect(body.text).toMatch(/^Luật này quy định/);
    expect(body.sentences[0]).toBe(0);
    // The document's header comes first, under no heading.
    expect(law.blocks[0]).toMatchObject({ kind: 'paragraph', section: null });
  });

  it('opens at the article a search hit names, with the words searched marked wherever they stand, folded', async () => {
    const hit = (
      await jsonBody(await fetch(`${station.server.url}/api/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q: 'nguoi lao dong di lam viec o nuoc ngoai' }) }))
    ).result.items.find((i: { publication: { id: string } }) => i.publication.id === LAW).hits[0];
    expect(hit.sectionId).toBeGreaterThan(0);
    const view = await text({ id: LAW, section: hit.sectionId, q: 'nguoi lao dong di lam viec o nuoc ngoai' });
    expect(view.at).toBe(hit.sectionId);
    expect(view.blocks.some((b) => b.kind === 'heading' && b.section === hit.sectionId)).toBe(true);
    const marked = view.blocks.flatMap((b) => b.marks.map(([s, e]) => vnFold(b.text.slice(s, e))));
    expect(new Set(marked)).toEqual(new Set(['nguoi', 'lao', 'dong', 'di', 'lam', 'viec', 'o', 'nuoc', 'ngoai']));
    const plain = await text({ id: LAW, section: hit.sectionId });
    expect(plain.blocks.every((b) => b.marks.length === 0)).toBe(true);
  });

  it('keeps a book’s verse line by line', async () => {
    const kieu = await text({ id: 'truyen-kieu' });
    expect(kieu.contents).toEqual([]);
    const texts = kieu.blocks.map((b) => b.text);
    const i = texts.indexOf('Trăm năm trong cõi người ta,');
    expect(texts.slice(i, i + 2)).toEqual(['Trăm năm trong cõi người ta,', 'Chữ tài chữ mệnh khéo là ghét nhau.']);
  });

  it('says plainly that a document without text has none, and whether its file can be read', async () => {
    const none = await text({ id: 'chi-thi-so-21-ct-ttg-469580' });
    expect(none).toMatchObject({ hasText: false, readable: false, parts: 0, blocks: [], contents: [], at: null });
  });

  it('answers an unknown document with not_found', async () => {
    const { status, body } = await call({ id: 'khong-co' });
    expect(status).toBe(404);
    expect(body.error?.code).toBe('not_found');
  });
});

describe.skipIf(corpusMissing('legal/catalog'))('publications.text of a long law', () => {
  beforeAll(() => {
    const record = gazetteRecords(CORPORA).records.find((r) => r.publication.id === BHXH)!;
    saveDocuments(station.library.db, [record]);
  });

  it('gives it part by part, each heading in the contents with its part, and opens at an article of a later part', async () => {
    const first = await text({ id: BHXH });
    expect(first.parts).toBeGreaterThan(3);
    const late = first.contents.filter((h) => h.level === 'article').at(-1)!;
    expect(late.part).toBe(first.parts - 1);
    expect(first.blocks.some((b) => b.section === late.section)).toBe(false);
    const there = await text({ id: BHXH, section: late.section });
    expect(there.part).toBe(late.part);
    expect(there.at).toBe(late.section);
    expect(there.blocks.find((b) => b.kind === 'heading' && b.section === late.section)).toMatchObject({ label: late.label, text: late.title });
    const second = await text({ id: BHXH, part: 1 });
    expect(second.part).toBe(1);
    expect(second.blocks[0].kind).toBe('heading');
    expect(first.contents.filter((h) => h.part === 1).map((h) => h.section)).toEqual(second.blocks.flatMap((b) => (b.kind === 'heading' ? [b.section] : [])));
    // A part past the last gives the last.
    expect((await text({ id: BHXH, part: 500 })).part).toBe(first.parts - 1);
  });
});
