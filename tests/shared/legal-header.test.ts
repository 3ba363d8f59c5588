import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { docTypeFromNumber, issuerFromNumber, parseLegalHeader } from '../../shared/legal/header.js';
import type { LegalHeader } from '../../shared/legal/header.js';
import { numberKey, vnFold } from '../../shared/text.js';

import { CORPORA, corporaMissing as skipCorpus } from '../helpers/corpora.js';

describe('parseLegalHeader', () => {
  it('reads an official letter: number with spaces, V/v subject, type "Công văn"', () => {
    const header = parseLegalHeader(
      [
        'BỘ TƯ PHÁP',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số : 2500 /BTP-PBGDPL',
        'V/v hướng dẫn triển khai công tác phổ biến,',
        'giáo dục pháp luật năm 2025',
        'Hà Nội, ngày 8 tháng 7 năm 2019',
        'Kính gửi: Các bộ, cơ quan ngang bộ',
      ].join('\n'),
    );
    // The summary leaves out "V/v" (về việc): it reads as the letter's subject.
    expect(header).toEqual({
      number: '2500/BTP-PBGDPL',
      docType: 'Công văn',
      issuer: 'Bộ Tư pháp',
      place: 'Hà Nội',
      date: '2019-07-08',
      summary: 'hướng dẫn triển khai công tác phổ biến, giáo dục pháp luật năm 2025',
    });
  });

  it('reads a decree page with the gazette heading, running header and page number', () => {
    const header = parseLegalHeader(
      ' \nCÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 \n3 \n \nVĂN BẢN QUY PHẠM PHÁP LUẬT \n \nCHÍNH PHỦ \n \nCHÍNH PHỦ \n \n \n' +
        'Số: 158/2025/NĐ-CP \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n \n' +
        'Hà Nội, ngày 25 tháng 6 năm 2025 \n \n NGHỊ ĐỊNH \nQuy định chi tiết và hướng dẫn thi hành một số điều  \n' +
        'của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc \n \nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; \n',
    );
    expect(header).toEqual({
      number: '158/2025/NĐ-CP',
      docType: 'Nghị định',
      issuer: 'Chính phủ',
      place: 'Hà Nội',
      date: '2025-06-25',
      summary: 'Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc',
    });
  });

  it('reads a provincial decision: issuer over two lines, date with leading zeros', () => {
    const header = parseLegalHeader(
      'ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n-------\nSố: 123/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n' +
        'Lào Cai, ngày 01 tháng 7 năm 2025\nQUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n' +
        'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nCăn cứ Luật Tổ chức chính quyền địa phương',
    );
    expect(header).toMatchObject({ number: '123/QĐ-UBND', docType: 'Quyết định', issuer: 'Ủy ban nhân dân tỉnh Lào Cai', place: 'Lào Cai', date: '2025-07-01' });
    expect(header.summary).toBe('Về việc công bố danh mục thủ tục hành chính');
  });

  it('reads a law ("Luật số:") and a ministry name that wraps ("BỘ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI")', () => {
    const law = parseLegalHeader(
      'QUỐC HỘI \n \nLuật số: 69/2020/QH14 \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n \nLUẬT \n' +
        'NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI  \nTHEO HỢP ĐỒNG \n \nCăn cứ Hiến pháp',
    );
    expect(law).toEqual({
      number: '69/2020/QH14',
      docType: 'Luật',
      issuer: 'Quốc hội',
      place: null,
      date: null,
      summary: 'NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI THEO HỢP ĐỒNG',
    });
    const circular = parseLegalHeader(
      'BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nSố: 12/2022/TT-BLĐTBXH \n' +
        'Hà Nội, ngày 30 tháng 6 năm 2022 \n \nTHÔNG TƯ1 \nHướng dẫn thực hiện',
    );
    expect(circular).toMatchObject({ issuer: 'Bộ Lao động - Thương binh và Xã hội', docType: 'Thông tư', date: '2022-06-30' });
  });

  it('reads a joint circular whose number wraps after a hyphen', () => {
    const header = parseLegalHeader(
      'VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - \n TÒA ÁN NHÂN DÂN TỐI CAO -  \nBỘ CÔNG AN - BỘ QUỐC PHÒNG -  \nBỘ LAO ĐỘNG - THƯƠNG BINH  \nVÀ XÃ HỘI \n' +
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nSố: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA-BQP-BLĐTBXH \n' +
        'Hà Nội, ngày 18 tháng 02 năm 2022 \n \nTHÔNG TƯ LIÊN TỊCH \nQuy định về phối hợp',
    );
    expect(header).toMatchObject({
      number: '01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH',
      docType: 'Thông tư liên tịch',
      issuer: 'Viện kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao, Bộ Công an, Bộ Quốc phòng, Bộ Lao động - Thương binh và Xã hội',
    });
  });

  it('gives a consolidated text type "Văn bản hợp nhất" but not the number or date of the text it consolidates', () => {
    const header = parseLegalHeader(
      'VĂN BẢN HỢP NHẤT -  \nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI \n \nCHÍNH PHỦ \n___________ \n \nSố: 49/2018/NĐ-CP \n' +
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nNGHỊ ĐỊNH \nQuy định về kiểm định chất lượng giáo dục nghề nghiệp \n \n' +
        'Nghị định số 49/2018/NĐ-CP ngày 30 tháng 3 năm 2018 của Chính phủ Quy định về kiểm định \n' +
        'chất lượng giáo dục nghề nghiệp, có hiệu lực kể từ ngày 15 \n' +
        'tháng 5 năm 2018 được sửa đổi, bổ sung bởi: \n',
    );
    expect(header).toEqual({
      number: null,
      docType: 'Văn bản hợp nhất',
      issuer: 'Bộ Lao động - Thương binh và Xã hội',
      place: null,
      date: null,
      summary: 'Quy định về kiểm định chất lượng giáo dục nghề nghiệp',
    });
  });

  it('leaves a blank date blank and ignores a footnote mark glued to the year', () => {
    expect(parseLegalHeader('BỘ TÀI CHÍNH\nSố:  372 /QĐ-BTC\nHà Nội, ngày       tháng      năm 2026\nQUYẾT ĐỊNH\nVề việc đính chính')).toMatchObject({
      number: '372/QĐ-BTC',
      place: 'Hà Nội',
      date: null,
    });
    expect(parseLegalHeader('BỘ TÀI CHÍNH\nSố: 333/QĐ-BTC\nHà Nội, ngày 23 tháng 02 năm 20264\nQUYẾT ĐỊNH').date).toBe('2026-02-23');
    expect(parseLegalHeader('Số: 1/QĐ-BTC\nHà Nội, ngày 30 tháng 02 năm 2026').date).toBeNull();
  });

  it('does not take dates, numbers or organs from the body', () => {
    const header = parseLegalHeader(
      'THÔNG TƯ\nHướng dẫn thi hành\nCăn cứ Nghị định số 14/2017/NĐ-CP ngày 17 tháng 02 năm 2017 của Chính phủ;\nSố: 5/QĐ-BTC\nBỘ TÀI CHÍNH',
    );
    expect(header).toEqual({ number: null, docType: 'Thông tư', issuer: null, place: null, date: null, summary: 'Hướng dẫn thi hành' });
    expect(parseLegalHeader('')).toEqual({ number: null, docType: null, issuer: null, place: null, date: null, summary: null });
  });
});

describe('docTypeFromNumber and issuerFromNumber', () => {
  it('read the type and organ codes of a number', () => {
    const cases: [string, string | null, string | null][] = [
      ['14/2019/QĐ-TTg', 'Quyết định', 'Thủ tướng Chính phủ'],
      ['158/2025/NĐ-CP', 'Nghị định', 'Chính phủ'],
      ['91/2015/QH13', null, 'Quốc hội'], // a law or a resolution of the National Assembly
      ['17/2022/UBTVQH15', null, 'Ủy ban Thường vụ Quốc hội'],
      ['12/2022/TT-BLDTBXH', 'Thông tư', 'Bộ Lao động - Thương binh và Xã hội'],
      ['01/2016/TTLT-BLĐTBXH-BTC', 'Thông tư liên tịch', 'Bộ Lao động - Thương binh và Xã hội, Bộ Tài chính'],
      ['123/QĐ-UBND', 'Quyết định', 'Ủy ban nhân dân'],
      ['2500/BTP-PBGDPL', 'Công văn', 'Bộ Tư pháp'],
      ['466/VBHN-BLĐTBXH', 'Văn bản hợp nhất', 'Bộ Lao động - Thương binh và Xã hội'],
      ['21/CT-TTg', 'Chỉ thị', 'Thủ tướng Chính phủ'],
      ['02/2023/TB-LPQT', 'Thông báo', null],
      ['05/2020/NQ-HĐND', 'Nghị quyết', 'Hội đồng nhân dân'],
      ['10/2024/TT-NHNN', 'Thông tư', 'Ngân hàng Nhà nước Việt Nam'],
      ['57-NQ/TW', 'Nghị quyết', null],
    ];
    for (const [number, type, issuer] of cases) {
      expect([number, docTypeFromNumber(number), issuerFromNumber(number)]).toEqual([number, type, issuer]);
    }
  });
});

interface MetaRow {
  slug: string;
  slug_number_ascii: string | null;
  parsed: { number: string | null; doc_type: string | null; issuer: string | null; date: string | null };
}

type Field = 'number' | 'docType' | 'issuer' | 'date';

/**
 * Where the reference parse (metadata.jsonl `parsed`) is wrong, checked by reading each page.
 * Consolidated texts (văn bản hợp nhất) are handled by rule in `referenceError`.
 */
const REFERENCE_ISSUER_ERRORS: Record<string, string> = {
  'thong-tu-so-14-2026-tt-btc-469036': 'the motto glued to the organ',
  'thong-tu-so-27-2026-tt-btc-469358': 'the rule line and the motto glued to the organ',
  'thong-tu-so-34-2026-tt-btc-469239': 'the motto glued to the organ',
  'thong-tu-so-38-2026-tt-btc-469387': 'the motto glued to the organ',
  'thong-tu-so-65-2026-tt-bca-469589': 'the motto glued to the organ',
  'van-ban-hop-nhat-so-09-vbhn-btc-469539': 'the motto taken for the organ; the page names none',
  'van-ban-hop-nhat-so-10-vbhn-btc-469540': 'the motto taken for the organ; the page names none',
  'thong-tu-so-102-2018-tt-btc-28383': 'an appendix title glued to the organ',
  'thong-tu-so-90-2025-tt-bqp-45890': 'the signer lines glued to the organ',
  'van-ban-hop-nhat-so-1798-vbhn-bldtbxh-39344': 'two organs run together (the consolidating ministry and the government)',
  'van-ban-hop-nhat-so-1345-vbhn-bldtbxh-41612': 'only the last line of a wrapped name ("VÀ XÃ HỘI")',
  'van-ban-hop-nhat-so-835-vbhn-bldtbxh-41446': 'only the last line of a wrapped name ("VÀ XÃ HỘI")',
  'nghi-dinh-so-135-2026-nd-cp-469360': 'the type line taken for the organ; the page names none',
  'thong-tu-so-32-2026-tt-bkhcn-469766': 'the type line taken for the organ; the page names none',
  'thong-tu-so-09-2026-tt-bnv-469696': 'the type line taken for the organ; the page names none',
  'thong-tu-so-41-2026-tt-btc-469351': 'the type line taken for the organ; the page names none',
  'luat-so-26-2012-qh13-6276': 'the type line taken for the organ; the page names none',
  'van-ban-hop-nhat-so-19-vbhn-btc-469710': 'the type line (with its footnote mark) taken for the organ',
  'luat-so-12-2012-qh13-4823': 'the type line and a chapter title taken for the organ',
  'van-ban-hop-nhat-so-111-vbhn-vpqh-469594': 'the type line and title taken for the organ',
  'thong-bao-so-02-2023-tb-lpqt-39022': "the gazette's section heading (ĐIỀU ƯỚC QUỐC TẾ) taken for the organ",
};
const REFERENCE_DATE_ERRORS: Record<string, string> = {
  'nghi-quyet-so-24-2022-ubtvqh15-37692': 'no date on the first page (the Standing Committee dates its resolutions at the end); the reference took a cited resolution’s date',
  'quyet-dinh-so-372-qd-btc-469041': 'the date is left blank ("ngày   tháng   năm 2026"); the reference took a cited circular’s date',
};

const isConsolidated = (row: MetaRow, mine: LegalHeader) =>
  row.slug.startsWith('van-ban-hop-nhat') || (mine.number !== null && docTypeFromNumber(mine.number) === 'Văn bản hợp nhất');

/** Why the reference value is wrong for this row and field, or null when it is taken as right. */
function referenceError(row: MetaRow, field: Field, mine: LegalHeader): string | null {
  if (isConsolidated(row, mine)) {
    // Its first page reproduces the header of the document it consolidates: the type line and
    // date there are that document's; the consolidated text's own number and date are at its end.
    if (field === 'docType' && row.parsed.doc_type !== 'Văn bản hợp nhất') return 'type of the consolidated document';
    if (field === 'date' && mine.date === null) return 'date of the consolidated document';
  }
  if (field === 'issuer') return REFERENCE_ISSUER_ERRORS[row.slug] ?? null;
  if (field === 'date') return REFERENCE_DATE_ERRORS[row.slug] ?? null;
  return null;
}

const organKey = (s: string | null) => (s === null ? null : vnFold(s).replace(/[^a-z0-9]+/g, ' ').trim());

describe.skipIf(skipCorpus)('parseLegalHeader on the Official Gazette catalog (412 documents)', () => {
  const rows: MetaRow[] = [];
  const headers = new Map<string, LegalHeader>();

  beforeAll(() => {
    const meta = path.join(CORPORA, 'legal/catalog/metadata.jsonl');
    rows.push(...fs.readFileSync(meta, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as MetaRow));
    const full = zlib.gunzipSync(fs.readFileSync(path.join(CORPORA, 'legal/catalog/fulltext.jsonl.gz'))).toString('utf8');
    const started = performance.now();
    for (const line of full.split('\n').filter(Boolean)) {
      const { slug, full_text } = JSON.parse(line) as { slug: string; full_text: string };
      headers.set(slug, parseLegalHeader(full_text.slice(0, 3000)));
    }
    console.log(`parseLegalHeader: ${headers.size} first pages in ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('agrees with the reference parse where the reference is right', () => {
    const fields: { field: Field; ref: (r: MetaRow) => string | null; key: (v: string | null) => string | null; min: number }[] = [
      // Numbers are compared where the reference agrees with the number in the slug.
      {
        field: 'number',
        ref: (r) => (r.parsed.number && r.slug_number_ascii && numberKey(r.parsed.number) === numberKey(r.slug_number_ascii) ? r.parsed.number : null),
        key: (v) => (v ? numberKey(v) : v),
        min: 0.95,
      },
      { field: 'docType', ref: (r) => r.parsed.doc_type, key: (v) => v, min: 0.95 },
      { field: 'issuer', ref: (r) => r.parsed.issuer, key: organKey, min: 0.9 },
      { field: 'date', ref: (r) => r.parsed.date, key: (v) => v, min: 0.9 },
    ];
    const report: Record<string, string> = {};
    for (const { field, ref, key, min } of fields) {
      let compared = 0;
      let agree = 0;
      let wrongReference = 0;
      const disagreements: string[] = [];
      for (const row of rows) {
        const expected = ref(row);
        const mine = headers.get(row.slug) as LegalHeader;
        if (expected === null) continue;
        compared++;
        if (key(mine[field]) === key(expected)) agree++;
        else if (referenceError(row, field, mine)) wrongReference++;
        else disagreements.push(`${row.slug}: ${JSON.stringify(mine[field])} vs ${JSON.stringify(expected)}`);
      }
      const rate = agree / (compared - wrongReference);
      report[field] = `${agree}/${compared} raw (${((100 * agree) / compared).toFixed(1)}%), ${wrongReference} reference errors, ${(100 * rate).toFixed(1)}% where the reference is right`;
      expect(rate, `${field} disagreements:\n${disagreements.join('\n')}`).toBeGreaterThanOrEqual(min);
    }
    console.log('parseLegalHeader vs reference:', report);
  });

  it('reads what the reference misses', () => {
    const of = (slug: string) => headers.get(slug) as LegalHeader;
    // The joint circular's number wraps after a hyphen (the reference cut it there).
    expect(of('thong-tu-lien-tich-so-01-2022-ttlt-vksndtc-tandtc-bca-bqp-bldtbxh-36844').number).toBe('01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH');
    expect(of('nghi-quyet-so-6616-2026-nq-cp-469362').number).toBe('66.16/2026/NQ-CP');
    // A gazette page continuing a document from an earlier issue names it in one line.
    expect(of('thong-tu-so-102-2018-tt-btc-28383')).toMatchObject({ number: '102/2018/TT-BTC', docType: 'Thông tư', date: '2018-11-14' });
    // A consolidated text with its own number at the top (the reference says "Bộ luật").
    expect(of('bo-luat-lao-dong-so-45-2019-qh14-29268')).toMatchObject({
      number: '125/VBHN-VPQH',
      docType: 'Văn bản hợp nhất',
      issuer: 'Văn phòng Quốc hội',
      date: '2025-08-27',
    });
    // Every consolidated text in the catalog is recognised, with or without the gazette's heading.
    const consolidated = rows.filter((r) => r.slug.startsWith('van-ban-hop-nhat'));
    expect(consolidated.filter((r) => of(r.slug).docType !== 'Văn bản hợp nhất').map((r) => r.slug)).toEqual([]);
  });

  it('reads the scraper texts of the gazette PDFs', () => {
    const dir = path.join(CORPORA, 'pdf/vn-congbao');
    const read = (name: string) => parseLegalHeader(fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8').slice(0, 3000));
    expect(read('nghi-quyet-so-17-2022-ubtvqh15-36956')).toMatchObject({ number: '17/2022/UBTVQH15', docType: 'Nghị quyết', issuer: 'Ủy ban Thường vụ Quốc hội' });
    expect(read('quyet-dinh-so-28-2021-qd-ttg-34546')).toMatchObject({ number: '28/2021/QĐ-TTg', docType: 'Quyết định', issuer: 'Thủ tướng Chính phủ', date: '2021-10-01' });
    expect(read('van-ban-hop-nhat-so-466-vbhn-bldtbxh-44194')).toMatchObject({ number: null, docType: 'Văn bản hợp nhất', issuer: 'Bộ Lao động - Thương binh và Xã hội' });
    // Image-only pages: only the gazette's organ heading is there.
    expect(read('thong-tu-so-58-2021-tt-bqp-33814')).toEqual({ number: null, docType: null, issuer: 'Bộ Quốc phòng', place: null, date: null, summary: null });
  });
});
