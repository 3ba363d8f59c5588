/**
 * The loads a station's kiosk must stay answered under (issue 13), for the kiosk-during-load test
 * and its bench: a national catalog's worth of metadata-only publications, a flood from the LAN in
 * a child process (tests/fixtures/load/flood.ts: its work is not the station's), and a large EPUB
 * for a CLI import; and the kiosk's own searches, as the UI sends them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../../catalog/db/open.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { makeEpub, opf } from '../catalog/import/helpers.js';

const run = promisify(execFile);

const QUERIES = ['ly hôn', 'hop dong lao dong', 'bảo hiểm xã hội', 'tu sach phap luat', '158/2025/NĐ-CP', 'thuế thu nhập'];

/** The kiosk's i-th search (10 hits, snippets, facets, as the UI asks), timed; its status. */
export async function kioskSearch(base: string, i: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/search`, { method: 'POST', body: JSON.stringify({ q: QUERIES[i % QUERIES.length], limit: 10, facets: true }) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** `count` publications with metadata only (no file, no text), numbered, in 3 types, 20 issuers and 12 fields. */
export function addMetadataOnlyPublications(db: Db, count: number): void {
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO publications (id, kind, title, title_sort, number, number_key, doc_type, issuer, issued_date, legal_status, fields, created_at, updated_at)
    SELECT printf('probe-%06d', i), 'legal', printf('Văn bản thử %d', i), printf('van ban thu %d', i), printf('%d/2024/NĐ-CP', i), printf('%d/2024/nd-cp', i),
      CASE i % 3 WHEN 0 THEN 'Nghị định' WHEN 1 THEN 'Thông tư' ELSE 'Quyết định' END, printf('Bộ %d', i % 20), printf('%04d-01-01', 2000 + i % 25),
      'in_force', json_array(printf('Lĩnh vực %d', i % 12)), '2026-01-01', '2026-01-01' FROM n`,
  ).run(count);
}

export interface FloodResult {
  sent: number;
  byStatus: Record<string, number>;
}

/** Each of `addresses` sends `method` with `input` as fast as the answers come back, for `seconds`, from a child process. */
export async function floodFromLan(base: string, method: string, input: unknown, seconds: number, addresses: string[]): Promise<FloodResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/fixtures/load/flood.ts'), base, method, JSON.stringify(input), String(seconds), ...addresses], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as FloodResult;
}

export const LARGE_EPUB_TITLE = 'Sách lớn về lao động';

/** A large EPUB at `file`: 40 chapters of 400 articles, and 12 stored pictures of 10 MB (~120 MB to copy and hash). */
export function writeLargeEpub(file: string): void {
  const paragraph = (i: number) => `<p>Điều ${i}. Người lao động có quyền được bảo hiểm xã hội, bảo hiểm y tế và nghỉ hằng năm theo quy định của pháp luật.</p>`;
  const chapters = Array.from({ length: 40 }, (_, c) => ({
    name: `OEBPS/phan-${c + 1}.xhtml`,
    data: `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chương ${c + 1}</title></head><body><h1>Chương ${c + 1}</h1>${Array.from({ length: 400 }, (_, i) => paragraph(c * 400 + i)).join('')}</body></html>`,
  }));
  const manifest = chapters.map((_, c) => `<item id="c${c + 2}" href="phan-${c + 1}.xhtml" media-type="application/xhtml+xml"/>`).join('');
  const spine = `<itemref idref="c1"/>${chapters.map((_, c) => `<itemref idref="c${c + 2}"/>`).join('')}`;
  const pictures = Array.from({ length: 12 }, (_, k) => ({ name: `OEBPS/images/anh-${k}.jpg`, data: Buffer.alloc(10 * 1024 * 1024, k), method: 0 as const }));
  fs.writeFileSync(file, makeEpub({ opf: opf({ title: LARGE_EPUB_TITLE, manifest, spine }), extra: [...chapters, ...pictures] }));
}
