import { describe, expect, it } from 'vitest';
import { numberKey, plainLine, plainText, vnFold, vnSortKey } from '../../shared/text.js';

describe('vnFold', () => {
  it('strips marks, lowers case and folds đ so unaccented queries match', () => {
    expect(vnFold('Luật Đất đai')).toBe('luat dat dai');
    expect(vnFold('ĐƯỜNG BỘ')).toBe('duong bo');
  });

  it('unifies old and new tone placement and NFD input', () => {
    expect(vnFold('hoà')).toBe(vnFold('hòa'));
    expect(vnFold('Uỷ ban')).toBe(vnFold('Ủy ban'));
    expect(vnFold('Vie\u0302\u0323t Nam')).toBe('viet nam');
  });

  it('keeps one character per character of the NFC text, so offsets map back for highlighting', () => {
    const original = 'Điều 51. Quyền yêu cầu giải quyết ly hôn — ½ ﬁ 𝔸';
    const folded = vnFold(original);
    expect(folded.length).toBe(original.normalize('NFC').length);
    const at = folded.indexOf('ly hon');
    expect(original.normalize('NFC').slice(at, at + 6)).toBe('ly hôn');
  });
});

describe('numberKey', () => {
  it('normalises spaces, case and Đ/D but keeps separators', () => {
    expect(numberKey('14/2019/QĐ-TTg')).toBe('14/2019/qd-ttg');
    expect(numberKey(' 2500 /BTP-PBGDPL')).toBe('2500/btp-pbgdpl');
    expect(numberKey('14/2019/qd-ttg')).toBe(numberKey('14/2019/QĐ-TTg'));
  });
});

describe('vnSortKey', () => {
  it('orders by the Vietnamese alphabet: a < ă < â, d < đ, o < ô < ơ, u < ư', () => {
    const words = ['ư', 'đá', 'ân', 'ơn', 'anh', 'ăn', 'ông', 'bà', 'dê', 'oa', 'uy'];
    const sorted = [...words].sort((a, b) => (vnSortKey(a) < vnSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['anh', 'ăn', 'ân', 'bà', 'dê', 'đá', 'oa', 'ông', 'ơn', 'uy', 'ư']);
  });

  it('ignores tones, case and repeated spaces but keeps letters: "Luật" sorts with "luât", not "luat"', () => {
    expect(vnSortKey('Luật  Đất đai')).toBe(vnSortKey('luât đât đai'));
    expect(vnSortKey('Luật')).not.toBe(vnSortKey('luat'));
  });
});

describe('metadata without control characters', () => {
  it('removes terminal escape sequences whole and turns bidi overrides and line breaks in a title into plain spaces', () => {
    expect(plainLine('Luật\u001b[2J\u001b[31m Đất đai\r\n2024\u202e')).toBe('Luật Đất đai 2024');
    expect(plainLine('Luật\u001b]0;giả mạo\u0007 Đất\u009b1;31mđai\u2066')).toBe('Luật Đấtđai');
    expect(plainLine('\u0007\u0000')).toBe('');
  });

  it('keeps the line breaks of a description, and nothing else of its controls', () => {
    expect(plainText('Dòng một\r\nDòng\u0008 hai\u001b\n\n  Dòng ba  ')).toBe('Dòng một\nDòng hai\n\nDòng ba');
  });
});
