/**
 * Regenerates the demo library shipped in catalog/demo/ from the shared test corpora
 * (../shared/corpora): a few gazette PDFs, one Vietnamese EPUB and clean metadata for a few
 * dozen documents of the Official Gazette catalog. Run: npx tsx build/demo/make-demo.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { NewPublication } from '../../catalog/publications.js';
import { extractFile } from '../../catalog/import/extract-file.js';

const SHARED = path.resolve(process.argv[2] ?? '../shared/corpora');
const OUT = path.resolve('catalog/demo');
const PDFS = [
  'nghi-dinh-so-158-2025-nd-cp-45240',
  'luat-so-69-2020-qh14-32699',
  'quyet-dinh-so-28-2021-qd-ttg-34546',
  'nghi-quyet-so-17-2022-ubtvqh15-36956',
  'thong-tu-so-12-2022-tt-bldtbxh-37536',
];
const PER_TOPIC = 4;

const ISSUERS: Record<string, string> = {
  'QUỐC HỘI': 'Quốc hội',
  'CHÍNH PHỦ': 'Chính phủ',
  'THỦ TƯỚNG CHÍNH PHỦ': 'Thủ tướng Chính phủ',
  'ỦY BAN THƯỜNG VỤ QUỐC HỘI': 'Ủy ban Thường vụ Quốc hội',
  'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI': 'Bộ Lao động - Thương binh và Xã hội',
  'BỘ TÀI CHÍNH': 'Bộ Tài chính',
  'BỘ KẾ HOẠCH VÀ ĐẦU TƯ': 'Bộ Kế hoạch và Đầu tư',
  'BỘ CÔNG AN': 'Bộ Công an',
  'BỘ NỘI VỤ': 'Bộ Nội vụ',
};
const PROPER_NOUNS: [RegExp, string][] = [
  [/việt nam/g, 'Việt Nam'],
  [/quốc hội/g, 'Quốc hội'],
  [/covid-19/gi, 'COVID-19'],
];

interface Row {
  slug: string;
  orig: { topic_name: string };
  parsed: { number: string | null; doc_type: string | null; issuer: string | null; date: string | null; title: string | null } | null;
}

function cleanTitle(docType: string, raw: string): string | null {
  let text = raw.replace(/[–—_-]{3,}/g, ' ').replace(/\s+/g, ' ').trim();
  // Drop a running issuer name in capitals glued to the end by the scraper.
  if (text !== text.toUpperCase()) text = text.replace(/(\s+[A-ZÀ-Ỹ][A-ZÀ-Ỹ\- ]*){2,}$/u, (tail) => (tail === tail.toUpperCase() && tail.trim().length > 4 ? '' : tail)).trim();
  if (text.length < 15 || text.length > 220 || /CỘNG HÒA|Độc lập/.test(text)) return null;
  if (text === text.toUpperCase()) {
    let name = text.toLowerCase();
    for (const [pattern, proper] of PROPER_NOUNS) name = name.replace(pattern, proper);
    return `${docType} ${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  }
  let rest = `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  for (const [pattern, proper] of PROPER_NOUNS) rest = rest.replace(pattern, proper);
  return `${docType} ${rest}`;
}

/** The signing date: "Hà Nội, ngày 8 tháng 7 năm 2019", or a law's "thông qua ngày …", in the number's year. */
function dateFrom(text: string | undefined, number: string): string | null {
  const year = number.match(/\/(\d{4})\//)?.[1];
  for (const lead of [',\\s*ngày', 'thông qua ngày']) {
    const pattern = new RegExp(`${lead}\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(\\d{4})`, 'g');
    for (const m of text?.matchAll(pattern) ?? []) {
      if (year && m[3] !== year) continue;
      return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    }
  }
  return null;
}

const rows = fs
  .readFileSync(path.join(SHARED, 'legal/catalog/metadata.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);
const fullText = new Map<string, string>();
for (const line of zlib.gunzipSync(fs.readFileSync(path.join(SHARED, 'legal/catalog/fulltext.jsonl.gz'))).toString('utf8').split('\n')) {
  if (!line) continue;
  const { slug, full_text } = JSON.parse(line) as { slug: string; full_text: string };
  fullText.set(slug, full_text);
}

function toPublication(row: Row): NewPublication | null {
  const p = row.parsed;
  if (!p?.number || !p.doc_type || !p.title || !p.issuer || !ISSUERS[p.issuer]) return null;
  const title = cleanTitle(p.doc_type, p.title);
  if (!title) return null;
  return {
    id: row.slug,
    kind: 'legal',
    title,
    number: p.number,
    docType: p.doc_type,
    issuer: ISSUERS[p.issuer],
    issuedDate: p.date ?? dateFrom(fullText.get(row.slug), p.number),
    legalStatus: 'unknown',
    fields: [row.orig.topic_name],
    language: 'vi',
  };
}

interface DemoEntry extends NewPublication {
  file?: { name: string; mediaType: string };
}

const entries: DemoEntry[] = [];
const perTopic = new Map<string, number>();
for (const slug of PDFS) {
  const row = rows.find((r) => r.slug === slug);
  const pub = row && toPublication(row);
  if (!pub) throw new Error(`demo PDF ${slug} has no clean metadata`);
  entries.push({ ...pub, file: { name: `${slug}.pdf`, mediaType: 'application/pdf' } });
  fs.copyFileSync(path.join(SHARED, 'pdf/vn-congbao', `${slug}.pdf`), path.join(OUT, `${slug}.pdf`));
}
for (const row of [...rows].sort((a, b) => a.slug.localeCompare(b.slug))) {
  if (PDFS.includes(row.slug)) continue;
  const topic = row.orig.topic_name;
  if ((perTopic.get(topic) ?? 0) >= PER_TOPIC) continue;
  const pub = toPublication(row);
  if (!pub) continue;
  perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
  entries.push(pub);
}
entries.push({
  id: 'truyen-kieu',
  kind: 'book',
  title: 'Truyện Kiều',
  authors: ['Nguyễn Du'],
  issuedDate: null,
  legalStatus: 'unknown',
  fields: ['Văn học'],
  language: 'vi',
  description: 'Truyện thơ lục bát của Nguyễn Du, bản điện tử thuộc phạm vi công cộng (khudocmo).',
  file: { name: 'truyen-kieu.epub', mediaType: 'application/epub+zip' },
});
fs.copyFileSync(path.join(SHARED, 'epub/vi-khudocmo/truyen-kieu.epub'), path.join(OUT, 'truyen-kieu.epub'));

// The text of each demo file, extracted once here by the importer's own extractor, so the first
// start needs no PDF parsing: `<file>.text.json` = { text, pageStarts, pageCount }.
for (const entry of entries) {
  if (!entry.file) continue;
  const { text, pageStarts, pageCount } = await extractFile(path.join(OUT, entry.file.name), { cover: false });
  fs.writeFileSync(path.join(OUT, `${entry.file.name}.text.json`), JSON.stringify({ text, pageStarts, pageCount }));
}
fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify({ publications: entries }, null, 2)}\n`);
console.log(`${entries.length} publications written to ${OUT}`);
