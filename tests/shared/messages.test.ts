import { describe, expect, it } from 'vitest';
import { MESSAGES, languageFromAcceptHeader, translate } from '../../shared/messages.js';

describe('messages', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
    for (const lang of ['vi', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('fills placeholders', () => {
    expect(translate('vi', 'home.count', { count: 38 })).toBe('Có 38 văn bản và sách');
    expect(translate('en', 'paging.status', { page: 1, pages: 2 })).toBe('Page 1 of 2');
  });

  it('answers in Vietnamese unless English is preferred', () => {
    expect(languageFromAcceptHeader(undefined)).toBe('vi');
    expect(languageFromAcceptHeader('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(languageFromAcceptHeader('en-US,en;q=0.9')).toBe('en');
    expect(languageFromAcceptHeader('fr-FR')).toBe('vi');
  });
});
