import { describe, expect, it } from 'vitest';
import { MESSAGES, bilingual, isMessageRef, languageFromAcceptHeader, say, translate } from '../../shared/messages.js';
import type { MessageKey } from '../../shared/messages.js';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { sourceFiles } from '../helpers/source-files.js';

describe('messages', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
    for (const lang of ['vi', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('names the same placeholders in both languages, so no parameter is lost in translation', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = (Object.keys(MESSAGES.vi) as MessageKey[]).filter((key) => names(MESSAGES.vi[key]).join() !== names(MESSAGES.en[key]).join());
    expect(differ).toEqual([]);
  });

  it('fills placeholders, a nested reference in the same language', () => {
    const refused = { key: 'feed.refused', params: { code: 'fork', reason: { key: 'feed.signatureMismatch' } } } as const;
    expect(say('vi', refused)).toBe('Từ chối nguồn cấp (fork): Chữ ký không khớp nội dung');
    expect(say('en', refused)).toBe('Feed refused (fork): The signature does not match the root');
    expect(bilingual(refused)).toBe(`${say('vi', refused)} / ${say('en', refused)}`);
  });

  it('reads a reference back from data only when its key exists and its parameters are plain values or references', () => {
    expect(isMessageRef({ key: 'feed.refused', params: { code: 'fork', reason: { key: 'feed.signatureMismatch' } } })).toBe(true);
    expect(isMessageRef({ key: 'no.such.key' })).toBe(false);
    expect(isMessageRef({ key: 'feed.refused', params: { code: { key: 'nope' } } })).toBe(false);
    expect(isMessageRef({ key: 'feed.refused', params: ['x'] })).toBe(false);
    expect(isMessageRef('feed.refused')).toBe(false);
  });

  it('says every message somewhere: a key is named in the code, or built from a prefix (`error.${code}`)', () => {
    const code = ['catalog', 'electron', 'renderer', 'shared']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith('shared/messages'))
      .map((file) => fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8'))
      .join('\n');
    const named = (key: string) => [`'${key}'`, `"${key}"`, `\`${key}\``].some((quoted) => code.includes(quoted));
    const prefixed = (key: string) => key.split('.').some((_, i, parts) => i > 0 && code.includes(`\`${parts.slice(0, i).join('.')}.\${`));
    expect(Object.keys(MESSAGES.vi).filter((key) => !named(key) && !prefixed(key))).toEqual([]);
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
