// Every file of ../shared/corpora/pdf and ../shared/corpora/epub either imports or is refused
// with a specific reason, and none crashes or hangs; the outcomes the MANIFEST.tsv files imply
// (passwords, split zip, truncated download, scans) are asserted file by file. Skips with a
// message when the corpora are absent; under CI their absence is a failure. (Import throughput
// beside pdftotext is in `npm run bench`.)
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RefusalCode } from '../../../catalog/import/errors.js';
import { extractFile } from '../../../catalog/import/extract-file.js';
import { importFiles } from '../../../catalog/import/importer.js';
import type { ImportSummary } from '../../../catalog/import/importer.js';
import type { Library } from '../../../catalog/library.js';
import { getPublication } from '../../../catalog/publications.js';
import { bilingual, say } from '../../../shared/messages.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { listFiles } from './helpers.js';
import { CORPORA, corporaMissing } from '../../helpers/corpora.js';

const present = !corporaMissing;

type Expected = { refused: RefusalCode } | { imported: true; needsOcr?: boolean; kind?: string; language?: string };

/** What MANIFEST.tsv implies, per file; files not listed must simply import or be refused specifically. */
const EXPECTED: Record<string, Expected> = {
  // Encrypted with a user password (pdf.js asks for it; "encrypted-attachment" has an /Encrypt
  // dictionary with a user password even though poppler opens it).
  'pdf/pdfjs/issue3371.pdf': { refused: 'pdf-password' },
  'pdf/pdfjs/issue6010_2.pdf': { refused: 'pdf-password' },
  'pdf/pdfjs/saslprep-r6.pdf': { refused: 'pdf-password' },
  'pdf/pdfjs/issue21579.pdf': { refused: 'pdf-password' },
  'pdf/pdfjs/print_protection.pdf': { refused: 'pdf-password' },
  'pdf/pdfjs/encrypted-attachment.pdf': { refused: 'pdf-password' },
  // Owner password only: opens without one.
  'pdf/pdfjs/empty_protected.pdf': { imported: true },
  'pdf/pdfjs/issue7665.pdf': { imported: true },
  // Broken beyond what pdf.js recovers.
  'pdf/pdfjs/REDHAT-1531897-0.pdf': { refused: 'pdf-damaged' },
  'pdf/pdfjs/bug1020226.pdf': { refused: 'pdf-damaged' },
  'pdf/pdfjs/poppler-742-0-fuzzed.pdf': { refused: 'pdf-damaged' },
  // Broken but recoverable.
  'pdf/pdfjs/xref_command_missing.pdf': { imported: true },
  'pdf/pdfjs/helloworld-bad.pdf': { imported: true },
  'pdf/pdfjs/GHOSTSCRIPT-698804-1-fuzzed.pdf': { imported: true },
  // Scans: no text layer, imported for OCR later.
  'pdf/pdfjs/issue7229.pdf': { imported: true, needsOcr: true },
  'pdf/pdfjs/scan-bad.pdf': { imported: true, needsOcr: true },
  'pdf/pdfjs/ccitt_EndOfBlock_false.pdf': { imported: true, needsOcr: true },
  'pdf/pdfjs/freeculture.pdf': { imported: true, needsOcr: false },
  'pdf/vn-congbao/thong-tu-so-58-2021-tt-bqp-33814.pdf': { imported: true, needsOcr: true },
  'pdf/vn-congbao/thong-bao-so-02-2023-tb-lpqt-39022.pdf': { imported: true, needsOcr: true },
  'pdf/vn-congbao/luat-so-51-2024-qh15-43559.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/luat-so-69-2020-qh14-32699.pdf': { imported: true, kind: 'legal', needsOcr: false },
  'pdf/vn-congbao/nghi-dinh-so-38-2022-nd-cp-37348.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/nghi-dinh-so-158-2025-nd-cp-45240.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/thong-tu-so-12-2022-tt-bldtbxh-37536.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/quyet-dinh-so-28-2021-qd-ttg-34546.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/nghi-quyet-so-17-2022-ubtvqh15-36956.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/van-ban-hop-nhat-so-466-vbhn-bldtbxh-44194.pdf': { imported: true, kind: 'legal' },
  'pdf/vn-congbao/van-ban-hop-nhat-so-5-vbhn-btc-469151.pdf': { imported: true, kind: 'legal' },
  // EPUB: one segment of a split zip, an interrupted download, a manifest naming missing files.
  'epub/w3c-epub-tests/ocf-zip-mult.z01': { refused: 'zip-split' },
  'epub/derived/moby-dick.truncated-900KB.epub': { refused: 'zip-truncated' },
  'epub/readium-test-files/TIny-3-Bad.epub': { refused: 'epub-no-content' },
  // Vietnamese books with a wrong dc:language.
  'epub/vi-khudocmo/truyen-kieu.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/phat-luc.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/kinh-dich.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/lao-hac.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/luc-van-tien.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/hoang-le-nhat-thong-chi.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/vi-khudocmo/viet-nam-van-pham.epub': { imported: true, kind: 'book', language: 'vi' },
  'epub/idpf-epub3-samples/moby-dick.epub': { imported: true, kind: 'book', language: 'en-US' },
  'epub/idpf-epub3-samples/page-blanche.epub': { imported: true, kind: 'book', language: 'fr' },
};

/** Refusals that name a cause; 'crashed', 'timeout' and 'out-of-memory' mean something went wrong. */
const UNSPECIFIC: RefusalCode[] = ['crashed', 'timeout', 'out-of-memory', 'save-failed'];

describe.skipIf(!present)('shared corpora', () => {
  let summary: ImportSummary;
  let library: Library;
  beforeAll(async () => {
    library = await tempLibrary();
  });

  const outcomeOf = (relative: string) => {
    const full = path.join(CORPORA, relative);
    const imported = summary.imported.find((i) => i.path === full);
    const refused = summary.refused.find((r) => r.path === full);
    const duplicate = summary.duplicates.find((d) => d.path === full);
    return { imported, refused, duplicate };
  };

  it('imports or refuses every file, with a specific reason and no crash or hang', { timeout: 600_000 }, async () => {
    const started = performance.now();
    summary = await importFiles(library, [path.join(CORPORA, 'pdf'), path.join(CORPORA, 'epub')]);
    const seconds = (performance.now() - started) / 1000;

    const rows = [...summary.imported.map((i) => [path.relative(CORPORA, i.path), `imported ${i.kind}${i.needsOcr ? ' (OCR)' : ''}: ${i.title}`]),
      ...summary.refused.map((r) => [path.relative(CORPORA, r.path), `refused: ${bilingual(r.reason)}`])].sort();
    console.log(`corpus import: ${rows.length} files in ${seconds.toFixed(1)} s\n${rows.map(([f, o]) => `  ${f} — ${o}`).join('\n')}`);

    const all = listFiles(CORPORA).filter((f) => /^(pdf|epub)\//.test(f) && !f.endsWith('MANIFEST.tsv') && !f.endsWith('.txt'));
    expect(all.length).toBeGreaterThan(50);
    for (const relative of all) {
      const { imported, refused, duplicate } = outcomeOf(relative);
      expect(imported || refused || duplicate, relative).toBeTruthy();
      if (refused) {
        expect(UNSPECIFIC, `${relative}: ${bilingual(refused.reason)}`).not.toContain(refused.code);
        expect(say('en', refused.reason), relative).not.toBe(say('vi', refused.reason)); // worded in each language
      }
    }
    expect(summary.duplicates).toEqual([]);
  });

  for (const [relative, expected] of Object.entries(EXPECTED)) {
    it(`${relative} → ${'refused' in expected ? `refused (${expected.refused})` : 'imported'}`, () => {
      expect(summary, 'the import above did not run').toBeDefined();
      const { imported, refused } = outcomeOf(relative);
      if ('refused' in expected) {
        expect(refused?.code, imported ? `imported as ${imported.title}` : relative).toBe(expected.refused);
        return;
      }
      expect(imported, refused ? bilingual(refused.reason) : relative).toBeDefined();
      if (expected.needsOcr !== undefined) expect(imported!.needsOcr).toBe(expected.needsOcr);
      if (expected.kind) expect(imported!.kind).toBe(expected.kind);
      if (expected.language) expect(getPublication(library.db, imported!.id)!.language).toBe(expected.language);
    });
  }

  it('reads the gazette headers: number, type and issuer of the text-layer PDFs', () => {
    const byFile = (name: string) => getPublication(library.db, outcomeOf(`pdf/vn-congbao/${name}`).imported!.id)!;
    expect(byFile('nghi-dinh-so-158-2025-nd-cp-45240.pdf')).toMatchObject({ number: '158/2025/NĐ-CP', docType: 'Nghị định', issuer: 'Chính phủ', issuedDate: '2025-06-25' });
    expect(byFile('luat-so-69-2020-qh14-32699.pdf')).toMatchObject({ number: '69/2020/QH14', docType: 'Luật', issuer: 'Quốc hội' });
    expect(byFile('luat-so-69-2020-qh14-32699.pdf').title).toBe('Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng');
  });

  it('reads a PDF outline with levels and pages', async () => {
    const result = await extractFile(path.join(CORPORA, 'pdf', 'pdfjs', 'nested_outline.pdf'), { cover: false });
    expect(result.toc.length).toBeGreaterThan(3);
    expect(Math.max(...result.toc.map((e) => e.level))).toBeGreaterThan(1);
    expect(result.toc.every((e) => e.title !== '' && Number.isInteger(e.page) && e.page! >= 1 && e.page! <= result.pageCount)).toBe(true);
  });
});
