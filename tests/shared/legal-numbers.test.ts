import { describe, expect, it } from 'vitest';
import { extractNumbers, parseNumberQuery, partialKeyRange, tidyNumber } from '../../shared/legal/numbers.js';
import { numberKey } from '../../shared/text.js';

const inRange = (key: string, range: { low: string; high: string }) => key >= range.low && key < range.high;

describe('extractNumbers', () => {
  it('finds the kinds of số hiệu, as written, with their offsets', () => {
    const text =
      'Căn cứ Quyết định số 14/2019/QĐ-TTg; Luật số 91/2015/QH13; Nghị định 158/2025/NĐ-CP; ' +
      'Quyết định 123/QĐ-UBND; Công văn 2500/BTP-PBGDPL; Thông tư 12/2022/TT-BLĐTBXH; ' +
      'Nghị quyết 17/2022/UBTVQH15; 466/VBHN-BLĐTBXH; Chỉ thị 21/CT-TTg; Nghị quyết 66.16/2026/NQ-CP.';
    const found = extractNumbers(text);
    expect(found.map((f) => f.number)).toEqual([
      '14/2019/QĐ-TTg',
      '91/2015/QH13',
      '158/2025/NĐ-CP',
      '123/QĐ-UBND',
      '2500/BTP-PBGDPL',
      '12/2022/TT-BLĐTBXH',
      '17/2022/UBTVQH15',
      '466/VBHN-BLĐTBXH',
      '21/CT-TTg',
      '66.16/2026/NQ-CP',
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.number);
  });

  it('accepts the variants people type and that headers wrap', () => {
    const found = extractNumbers('số 14 / 2019 / qd-ttg và 2500 /BTP-PBGDPL, nd-cp 158/2025/nd-cp; 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA');
    expect(found.map((f) => tidyNumber(f.number))).toEqual(['14/2019/qd-ttg', '2500/BTP-PBGDPL', '158/2025/nd-cp', '01/2022/TTLT-VKSNDTC-TANDTC-BCA']);
    expect(extractNumbers('Nghị quyết số 57-NQ/TW của Bộ Chính trị')[0].number).toBe('57-NQ/TW');
  });

  it('leaves dates, years, plain numbers and half numbers alone', () => {
    expect(extractNumbers('ngày 14/5/2016, năm 2019, 51 người, khoản 2 Điều 3, tỷ lệ 1/2, số 123/QĐ')).toEqual([]);
    expect(extractNumbers('114/2019/NĐ-CP')[0].number).toBe('114/2019/NĐ-CP');
    expect(extractNumbers('x14/2019/NĐ-CP')).toEqual([]);
  });
});

describe('parseNumberQuery', () => {
  it('returns numberKey forms of whole numbers and the rest of the query', () => {
    expect(parseNumberQuery('quyết định 14/2019/QĐ-TTg về tủ sách')).toEqual({ full: ['14/2019/qd-ttg'], partial: [], rest: 'quyết định về tủ sách' });
    expect(parseNumberQuery('14 / 2019 / qd-ttg').full).toEqual([numberKey('14/2019/QĐ-TTg')]);
    expect(parseNumberQuery('2500 /BTP-PBGDPL').full).toEqual(['2500/btp-pbgdpl']);
    expect(parseNumberQuery('luat 91/2015/qh13').full).toEqual(['91/2015/qh13']);
  });

  it('recognises partial numbers: N/YYYY, N/YYYY/type, N/SYMBOL', () => {
    expect(parseNumberQuery('14/2019')).toEqual({ full: [], partial: [{ prefix: '14/2019' }], rest: '' });
    expect(parseNumberQuery('nghị định 158/2025/nd bảo hiểm')).toEqual({ full: [], partial: [{ prefix: '158/2025/nd' }], rest: 'nghị định bảo hiểm' });
    expect(parseNumberQuery('158/2025/').partial).toEqual([{ prefix: '158/2025' }]);
    expect(parseNumberQuery('123/qd').partial).toEqual([{ prefix: '123/qd' }]);
  });

  it('does not take years, plain numbers or dates for numbers', () => {
    for (const query of ['2019', '51', 'luật đất đai 2024', 'ngày 14/5/2019', 'điều 51 khoản 2']) {
      expect(parseNumberQuery(query)).toEqual({ full: [], partial: [], rest: query });
    }
  });
});

describe('partialKeyRange', () => {
  it('matches keys that continue the prefix at a separator, anchored at the start', () => {
    const range = partialKeyRange('14/2019');
    expect(inRange(numberKey('14/2019/QĐ-TTg'), range)).toBe(true);
    expect(inRange('14/2019', range)).toBe(true);
    expect(inRange(numberKey('114/2019/NĐ-CP'), range)).toBe(false);
    expect(inRange('14/20190/qd-ttg', range)).toBe(false);
    expect(inRange('14/2018/qd-ttg', range)).toBe(false);
  });

  it('continues a partial symbol only at "-" or "/"', () => {
    const range = partialKeyRange(parseNumberQuery('158/2025/nđ').partial[0].prefix);
    expect(inRange(numberKey('158/2025/NĐ-CP'), range)).toBe(true);
    expect(inRange('158/2025/ndx-cp', range)).toBe(false);
  });
});
