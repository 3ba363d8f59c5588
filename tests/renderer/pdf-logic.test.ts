// Pure logic of the PDF reader: print page lists, the page-jump box, zoom steps and fits,
// and the words for a failed opening.
import { describe, expect, it } from 'vitest';
import { DamagedPdfError, PROBLEM_MESSAGE, pdfProblem } from '../../renderer/src/reader/pdf/errors.js';
import { MAX_PRINT_PAGES, allPages, parsePageNumber, parsePageRange } from '../../renderer/src/reader/pdf/page-range.js';
import { MAX_ZOOM, MIN_ZOOM, clampZoom, fitPageScale, fitWidthScale, stepZoom, zoomPercent } from '../../renderer/src/reader/pdf/zoom.js';
import { translate } from '../../shared/messages.js';

describe('print page lists', () => {
  it('reads ranges and single pages, sorted without duplicates', () => {
    expect(parsePageRange('1-3, 5', 45)).toEqual({ ok: true, pages: [1, 2, 3, 5] });
    expect(parsePageRange(' 5 ,1 - 3,2 ', 45)).toEqual({ ok: true, pages: [1, 2, 3, 5] });
    expect(parsePageRange('7', 45)).toEqual({ ok: true, pages: [7] });
    expect(parsePageRange('5-3', 45)).toEqual({ ok: true, pages: [3, 4, 5] });
    expect(parsePageRange('1–2; 4', 45)).toEqual({ ok: true, pages: [1, 2, 4] }); // en dash and semicolon typed on a phone
    expect(parsePageRange('1,,2,', 45)).toEqual({ ok: true, pages: [1, 2] });
  });

  it('refuses what it cannot read, pages outside the document and too many pages', () => {
    expect(parsePageRange('', 45)).toEqual({ ok: false, reason: 'empty' });
    expect(parsePageRange(' , ', 45)).toEqual({ ok: false, reason: 'empty' });
    expect(parsePageRange('a-b', 45)).toEqual({ ok: false, reason: 'syntax' });
    expect(parsePageRange('1-2-3', 45)).toEqual({ ok: false, reason: 'syntax' });
    expect(parsePageRange('-3', 45)).toEqual({ ok: false, reason: 'syntax' });
    expect(parsePageRange('1.5', 45)).toEqual({ ok: false, reason: 'syntax' });
    expect(parsePageRange('0', 45)).toEqual({ ok: false, reason: 'out_of_range' });
    expect(parsePageRange('40-50', 45)).toEqual({ ok: false, reason: 'out_of_range' });
    expect(parsePageRange('1-343', 343)).toEqual({ ok: false, reason: 'too_many' });
    expect(parsePageRange('1-60, 100-160', 343)).toEqual({ ok: false, reason: 'too_many' });
    expect(parsePageRange('999999', 343)).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('prints all pages up to the limit', () => {
    expect(allPages(3)).toEqual({ ok: true, pages: [1, 2, 3] });
    expect(allPages(MAX_PRINT_PAGES + 1)).toEqual({ ok: false, reason: 'too_many' });
    expect(allPages(0)).toEqual({ ok: false, reason: 'empty' });
  });

  it('has a message for every refusal', () => {
    for (const reason of ['empty', 'syntax', 'out_of_range', 'too_many'] as const) {
      expect(translate('vi', `pdf.range.${reason}`, { total: 45, max: MAX_PRINT_PAGES })).not.toMatch(/[{}]/);
    }
  });
});

describe('the page-jump box', () => {
  it('accepts a page of the document only', () => {
    expect(parsePageNumber('12', 45)).toBe(12);
    expect(parsePageNumber(' 45 ', 45)).toBe(45);
    expect(parsePageNumber('46', 45)).toBeNull();
    expect(parsePageNumber('0', 45)).toBeNull();
    expect(parsePageNumber('', 45)).toBeNull();
    expect(parsePageNumber('3a', 45)).toBeNull();
    expect(parsePageNumber('-1', 45)).toBeNull();
  });
});

describe('zoom', () => {
  it('steps up and down through fixed steps, clamped', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(1.56, 1)).toBe(1.75);
    expect(stepZoom(1.56, -1)).toBe(1.5);
    expect(stepZoom(1.5, -1)).toBe(1.25);
    expect(stepZoom(MAX_ZOOM, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(MIN_ZOOM, -1)).toBe(MIN_ZOOM);
    expect(stepZoom(0.1, 1)).toBe(MIN_ZOOM);
    expect(stepZoom(Number.NaN, 1)).toBe(1);
  });

  it('fits a page to a width or a whole box', () => {
    // An A4 page is 595 × 842 points, 793 × 1123 CSS px at scale 1.
    expect(fitWidthScale(595, 793.33)).toBeCloseTo(1, 2);
    expect(fitWidthScale(595, 1586.67)).toBeCloseTo(2, 2);
    expect(fitPageScale(595, 842, 1300, 561.5)).toBeCloseTo(0.5, 2);
    expect(fitWidthScale(0, 100)).toBe(1);
    expect(clampZoom(100)).toBe(MAX_ZOOM);
    expect(zoomPercent(1.5625)).toBe(156);
  });
});

describe('a failed opening', () => {
  it('is named plainly by kind', () => {
    expect(pdfProblem({ name: 'PasswordException', message: 'No password given' })).toBe('password');
    expect(pdfProblem({ name: 'InvalidPDFException' })).toBe('damaged');
    expect(pdfProblem(new DamagedPdfError('no pages'))).toBe('damaged');
    expect(pdfProblem({ name: 'ResponseException', status: 404 })).toBe('unavailable');
    expect(pdfProblem(new Error('boom'))).toBe('generic');
    expect(pdfProblem(null)).toBe('generic');
    for (const key of Object.values(PROBLEM_MESSAGE)) {
      expect(translate('vi', key)).toMatch(/\S/);
      expect(translate('en', key)).toMatch(/\S/);
    }
    expect(translate('vi', PROBLEM_MESSAGE.password)).toContain('mật khẩu');
  });
});
