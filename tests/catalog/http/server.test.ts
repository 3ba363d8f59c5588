import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { upsertPublication } from '../../../catalog/publications.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { SCHEMA_VERSION } from '../../../catalog/db/migrations.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { jsonBody } from '../../helpers/json-body.js';
import { rawRequest } from '../../helpers/raw-http.js';

const DECREE = 'nghi-dinh-so-158-2025-nd-cp-45240';
let station: RunningStation;
let base: string;

beforeAll(async () => {
  const ui = tempDir();
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Tủ sách</title>');
  station = await startStation({ libraryDir: tempDir(), host: '127.0.0.1', port: 0, demo: true, rendererDir: ui });
  base = station.server.url;
  station.library.db.transaction(() =>
    upsertPublication(station.library.db, { id: 'pending-1', kind: 'legal', title: 'Văn bản chưa tải' }, [
      { sha256: 'f'.repeat(64), size: 10, mediaType: 'application/pdf', state: 'pending', role: 'content' },
    ]),
  )();
});
afterAll(() => station.close());

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('contract over HTTP', () => {
  it('answers library.info with counts and versions', async () => {
    const response = await api('library.info', {});
    expect(response.status).toBe(200);
    const body = await jsonBody(response);
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ schemaVersion: SCHEMA_VERSION, publications: 39, filesPresent: 6, filesPending: 1 });
    expect(body.result.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('pages and sorts publications', async () => {
    const first = (await jsonBody(await api('publications.list', { limit: 10, sort: 'issued' }))).result;
    expect(first.total).toBe(39);
    expect(first.items).toHaveLength(10);
    const dates = first.items.map((p: { issuedDate: string }) => p.issuedDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const last = (await jsonBody(await api('publications.list', { offset: 30, limit: 10, sort: 'issued' }))).result;
    expect(last.items).toHaveLength(9);
    const ids = new Set([...first.items, ...last.items].map((p: { id: string }) => p.id));
    expect(ids.size).toBe(19);
    const books = (await jsonBody(await api('publications.list', { kind: 'book' }))).result;
    expect(books.items.map((p: { title: string }) => p.title)).toEqual(['Truyện Kiều']);
  });

  it('sorts titles in Vietnamese alphabetical order', async () => {
    const items = (await jsonBody(await api('publications.list', { limit: 100, sort: 'title' }))).result.items as { title: string }[];
    const firstWords = items.map((p) => p.title.split(' ')[0]);
    const order = ['Chỉ', 'Luật', 'Nghị', 'Quyết', 'Thông', 'Truyện', 'Văn'];
    const seen = [...new Set(firstWords)];
    expect(seen).toEqual(order.filter((w) => seen.includes(w)));
  });

  it('sorts numbers by their leading number, 12 before 111, with unnumbered books last', async () => {
    const items = (await jsonBody(await api('publications.list', { limit: 100, sort: 'number' }))).result.items as { number: string | null }[];
    const leading = items.filter((p) => p.number).map((p) => parseInt(p.number!, 10));
    expect(leading).toEqual([...leading].sort((a, b) => a - b));
    expect(items.at(-1)!.number).toBeNull();
  });

  it('returns one publication with its files, and 404 for an unknown id', async () => {
    const decree = (await jsonBody(await api('publications.get', { id: DECREE }))).result;
    expect(decree).toMatchObject({ number: '158/2025/NĐ-CP', available: true, files: [{ mediaType: 'application/pdf', state: 'present', role: 'content' }] });
    // Its table of contents: chapters and articles (not clauses), each with the page it starts on.
    const articles = decree.sections.filter((s: { level: string }) => s.level === 'article');
    expect(articles.length).toBeGreaterThan(40);
    expect(articles[0]).toMatchObject({ number: '1', heading: expect.stringMatching(/^Phạm vi điều chỉnh/), page: expect.any(Number) });
    expect(decree.sections.some((s: { level: string }) => s.level === 'clause')).toBe(false);
    const chapter = decree.sections.find((s: { level: string }) => s.level === 'chapter');
    expect(articles[0].parent).toBe(chapter.id);
    const missing = await api('publications.get', { id: 'khong-co' });
    expect(missing.status).toBe(404);
    expect((await jsonBody(missing)).error).toEqual({ code: 'not_found', message: 'Không tìm thấy nội dung yêu cầu.', key: 'error.not_found' });
  });

  it('answers a malformed request with 400 and a clear message, never a stack trace', async () => {
    const bad = await api('publications.list', { limit: 'mười', sort: 'random' });
    expect(bad.status).toBe(400);
    const body = await jsonBody(bad);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toBe('Yêu cầu không hợp lệ.');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'sort']);
    const english = await jsonBody(await api('publications.list', { limit: 0 }, { 'Accept-Language': 'en' }));
    expect(english.error.message).toBe('The request is not valid.');
    const notJson = await api('publications.list', '{"limit": ');
    expect(notJson.status).toBe(400);
    const text = await notJson.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(JSON.parse(text).error.code).toBe('bad_request');
  });

  it('rejects unknown methods, GET on the API and oversized bodies, in the caller’s language', async () => {
    expect((await api('library.dropAll', {})).status).toBe(404);
    const get = await fetch(`${base}/api/library.info`);
    expect([get.status, get.headers.get('allow'), (await jsonBody(get)).error.message]).toEqual([405, 'POST', 'Địa chỉ này chỉ nhận yêu cầu POST.']);
    const englishGet = await fetch(`${base}/api/library.info`, { headers: { 'Accept-Language': 'en' } });
    expect((await jsonBody(englishGet)).error).toEqual({ code: 'bad_request', key: 'http.methods', params: { methods: 'POST' }, message: 'This address only takes POST requests.' });
    const huge = await api('publications.get', { id: 'x'.repeat(100_000) }, { 'Accept-Language': 'en' });
    expect([huge.status, (await jsonBody(huge)).error.message]).toEqual([413, 'The request body is too large.']);
  });

  it('refuses other host names (DNS rebinding) and cross-site API calls', async () => {
    expect((await rawRequest(station.server.port, 'GET / HTTP/1.1', { Host: 'evil.example' })).status).toBe(421);
    const crossSite = await api('library.info', {}, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    const sameSite = await api('library.info', {}, { Origin: base });
    expect(sameSite.status).toBe(200);
  });
});

describe('search over HTTP', () => {
  it('finds a document by its number, typed without diacritics', async () => {
    const body = await jsonBody(await api('search', { q: '158/2025/nd-cp' }));
    expect(body.result.items[0]).toMatchObject({ matchedBy: 'number', publication: { id: DECREE } });
  });

  it('searches words with filters and facet counts', async () => {
    const body = await jsonBody(await api('search', { q: 'bảo hiểm xã hội', facets: true, filters: { docType: ['Luật'] } }));
    expect(body.result.items.length).toBeGreaterThan(0);
    for (const item of body.result.items) expect(item.publication.docType).toBe('Luật');
    expect(body.result.facets.docType).toEqual([{ value: 'Luật', count: body.result.total }]);
  });

  it('suggests titles and numbers as they are typed', async () => {
    const titles = await jsonBody(await api('suggest', { q: 'luat bao hiem' }));
    expect(titles.result[0].title).toMatch(/^Luật Bảo hiểm/);
    const numbers = await jsonBody(await api('suggest', { q: '158/20' }));
    expect(numbers.result[0].id).toBe(DECREE);
  });

  it('counts facets of the whole catalog', async () => {
    const body = await jsonBody(await api('facets', {}));
    expect(body.result.kind).toEqual(expect.arrayContaining([{ value: 'book', count: 1 }]));
    expect(body.result.year.length).toBeGreaterThan(3);
  });

  it('refuses malformed search input with 400', async () => {
    for (const input of [{ q: 5 }, { q: 'x'.repeat(501) }, { q: 'a', limit: 500 }, { q: 'a', filters: { year: ['2020'] } }, { q: 'a', filters: { colour: ['red'] } }]) {
      const response = await api('search', input);
      expect(response.status, JSON.stringify(input).slice(0, 60)).toBe(400);
    }
    expect((await api('suggest', {})).status).toBe(400);
  });
});

describe('files over HTTP', () => {
  const pdf = fs.readFileSync(path.join(DEMO_DIR, `${DECREE}.pdf`));

  it('serves a publication’s PDF whole, with type, length and a sandbox CSP', async () => {
    const response = await fetch(`${base}/publications/${DECREE}/file`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('answers Range requests with exactly the requested bytes', async () => {
    const response = await fetch(`${base}/publications/${DECREE}/file`, { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${pdf.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf.subarray(1000, 2000))).toBe(true);
    const tail = await fetch(`${base}/publications/${DECREE}/file`, { headers: { Range: 'bytes=-100' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(pdf.length - 100))).toBe(true);
    const beyond = await fetch(`${base}/publications/${DECREE}/file`, { headers: { Range: `bytes=${pdf.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
  });

  it('serves by hash with an immutable cache, honours If-None-Match and If-Range', async () => {
    const decree = (await jsonBody(await api('publications.get', { id: DECREE }))).result;
    const url = `${base}/files/${decree.files[0].sha256}`;
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(pdf.length));
    expect(response.headers.get('cache-control')).toContain('immutable');
    const etag = response.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { Range: 'bytes=0-3', 'If-Range': etag } })).status).toBe(206);
    const changed = await fetch(url, { headers: { Range: 'bytes=0-3', 'If-Range': '"other"' } });
    expect(changed.status).toBe(200);
    expect(Number(changed.headers.get('content-length'))).toBe(pdf.length);
  });

  it('does not serve files that are not present, unknown hashes or other paths', async () => {
    expect((await fetch(`${base}/publications/pending-1/file`)).status).toBe(404);
    expect((await fetch(`${base}/files/${'f'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${base}/files/not-a-hash`)).status).toBe(404);
    expect((await fetch(`${base}/publications/khong-co/file`)).status).toBe(404);
    expect((await fetch(`${base}/files/${'a'.repeat(64)}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses path traversal sent as raw bytes', async () => {
    for (const target of ['/../../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/%252e%252e/etc/passwd', '/..\\..\\etc\\passwd', '/index.html%00.png', '/files/..%2f..%2fcatalog.sqlite', '/catalog.sqlite']) {
      const { status, text } = await rawRequest(station.server.port, `GET ${target} HTTP/1.1`);
      expect([400, 404], target).toContain(status);
      expect(text, target).not.toContain('root:');
      expect(text, target).not.toContain('SQLite format');
    }
  });

  it('serves the UI with a CSP that has no unsafe-eval', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await response.text()).toContain('Tủ sách');
  });
});
