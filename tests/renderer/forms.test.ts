/**
 * Forms in the app's words (issue 16: "Please fill out this field." and mm/dd/yyyy on Vietnamese
 * screens): a date typed day first, in the ways people type it, and the words for each way a
 * field fails the browser's checks. The real bubbles and fields are checked in Chromium
 * (tests/e2e/kiosk.spec.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { isIsoDate, parseDayMonthYear } from '../../renderer/src/forms/date-text.js';
import { validityWords } from '../../renderer/src/forms/validity.js';
import type { FieldState } from '../../renderer/src/forms/validity.js';
import { sourceFiles } from '../helpers/source-files.js';

describe('a date typed day/month/year', () => {
  it('reads the ways people type 5 July 2025', () => {
    for (const typed of ['05/07/2025', '5/7/2025', ' 5 / 7 / 2025 ', '05-07-2025', '05.07.2025', '05 07 2025', '05072025', '2025-07-05']) {
      expect(parseDayMonthYear(typed), typed).toBe('2025-07-05');
    }
  });

  it('reads the day first, never the month', () => {
    expect(parseDayMonthYear('12/03/2024')).toBe('2024-03-12');
    expect(parseDayMonthYear('13/12/2024')).toBe('2024-12-13');
    expect(parseDayMonthYear('12/13/2024')).toBeNull(); // an American date is not taken as one
  });

  it('is how every date field of the app is typed: none is the browser’s own, which shows mm/dd/yyyy on an English system', () => {
    const native = sourceFiles('renderer/src').filter((file) => /type=["'{]+date\b/.test(fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')));
    expect(native).toEqual([]);
  });

  it('refuses what is not a real date, or not a whole one', () => {
    for (const typed of ['', '31/02/2025', '29/02/2023', '00/01/2025', '1/1/25', '1/2025', 'hôm qua', '2025-02-30', '5/7/2025 10:00']) {
      expect(parseDayMonthYear(typed), typed).toBeNull();
    }
    expect(parseDayMonthYear('29/02/2024')).toBe('2024-02-29');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
  });
});

describe('the words for a field the browser refuses', () => {
  const valid = { valueMissing: false, typeMismatch: false, badInput: false, stepMismatch: false, tooShort: false, tooLong: false, rangeUnderflow: false, rangeOverflow: false, patternMismatch: false };
  const field = (over: Partial<FieldState> & { flags?: Partial<FieldState['validity']> }): FieldState => ({
    tagName: 'INPUT',
    type: 'text',
    minLength: -1,
    maxLength: -1,
    min: '',
    max: '',
    value: '',
    ...over,
    validity: { ...valid, ...over.flags },
  });

  it('names what to do, with the limits the field has', () => {
    expect(validityWords(field({ flags: { valueMissing: true } }))).toEqual({ key: 'form.valueMissing' });
    expect(validityWords(field({ tagName: 'SELECT', type: 'select-one', flags: { valueMissing: true } }))).toEqual({ key: 'form.selectMissing' });
    expect(validityWords(field({ type: 'checkbox', flags: { valueMissing: true } }))).toEqual({ key: 'form.checkMissing' });
    expect(validityWords(field({ type: 'password', minLength: 8, value: 'abc', flags: { tooShort: true } }))).toEqual({ key: 'form.tooShort', params: { min: 8, count: 3 } });
    expect(validityWords(field({ type: 'number', min: '30', flags: { rangeUnderflow: true } }))).toEqual({ key: 'form.numberTooSmall', params: { min: '30' } });
    expect(validityWords(field({ type: 'number', max: '3600', flags: { rangeOverflow: true } }))).toEqual({ key: 'form.numberTooLarge', params: { max: '3600' } });
    expect(validityWords(field({ type: 'number', flags: { badInput: true } }))).toEqual({ key: 'form.numberInvalid' });
    expect(validityWords(field({ type: 'url', flags: { typeMismatch: true } }))).toEqual({ key: 'form.urlInvalid' });
  });

  it('says the pattern by the field’s own hint when it has one', () => {
    const hint = 'Chữ không dấu, số, dấu chấm, gạch ngang; 3 đến 40 ký tự.';
    expect(validityWords(field({ flags: { patternMismatch: true } }), ` ${hint} `)).toEqual({ key: 'form.patternMismatchHint', params: { hint } });
    expect(validityWords(field({ flags: { patternMismatch: true } }))).toEqual({ key: 'form.patternMismatch' });
  });

  it('says nothing of a field the browser accepts', () => {
    expect(validityWords(field({ value: 'x' }))).toBeNull();
  });
});
