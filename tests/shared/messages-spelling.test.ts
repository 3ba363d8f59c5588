/**
 * One spelling of a word on every screen and in every report (issue 16: "Từ khóa" on screen,
 * "Từ khoá" in the yearly report). Vietnamese writes the tone of "oa", "oe" and "uy" at the end of
 * a syllable in two ways; the app uses one, the newer (khóa, xóa, hủy, hóa, tùy), as the
 * ministry's documents do. "Quý" is the same in both.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../shared/messages.js';

const OLD_STYLE = /(?<!\p{L})\p{L}*(?<![qQ])(oá|oà|oả|oã|oạ|oé|oè|oẻ|oẽ|oẹ|uý|uỳ|uỷ|uỹ|uỵ)(?!\p{L})/giu;

describe('Vietnamese spelling', () => {
  it('places the tone the same way in every message', () => {
    const found = Object.entries(MESSAGES.vi).flatMap(([key, text]) => [...text.matchAll(OLD_STYLE)].map((m) => `${key}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('catches the old placement', () => {
    expect('Từ khoá, xoá, Huỷ, mã hoá, tuỳ chọn'.match(OLD_STYLE)).toEqual(['khoá', 'xoá', 'Huỷ', 'hoá', 'tuỳ']);
    expect('Từ khóa, quý, toán, hoàn, Thủy'.match(OLD_STYLE)).toBeNull();
  });
});
