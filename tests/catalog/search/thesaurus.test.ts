/**
 * The thesaurus file format and phrase finding (catalog/search/thesaurus.ts), and how a passage
 * holds a query's words together (phrases.ts): pure functions, checked on the app's own file too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_DATA_DIR } from '../../../catalog/search/lexicon.js';
import { findPhrases, mergeThesauri, parseThesaurus } from '../../../catalog/search/thesaurus.js';
import { foldedWords, holdsExpansion, longestRun } from '../../../catalog/search/phrases.js';
import { exactKey } from '../../../shared/search/tokens.js';
import { vnFold } from '../../../shared/text.js';

/** A query's folded syllables and, for the marked ones, their exact keys (marks meant). */
function syllablesOf(query: string): { folded: string[]; meant: (string | null)[] } {
  const words = query.normalize('NFC').split(/\s+/).filter(Boolean);
  return { folded: words.map((w) => vnFold(w.toLowerCase())), meant: words.map((w) => (/[^\p{ASCII}]/u.test(w) ? exactKey(w) : null)) };
}

const termsFound = (text: string, query: string) => {
  const { folded, meant } = syllablesOf(query);
  return findPhrases(parseThesaurus(text).thesaurus, folded, meant).flatMap((match) => match.terms);
};

describe('the thesaurus file', () => {
  it('reads entries and reports the lines that are not entries, with their numbers', () => {
    const { thesaurus, problems } = parseThesaurus('# comment\n\nly dị, bỏ nhau => ly hôn\nchỉ một vế\na => b => c\n=> không có vế trái\n');
    expect(thesaurus.entries).toHaveLength(1);
    expect(thesaurus.entries[0].terms).toEqual(['ly hôn']);
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6]);
  });

  it("the app's file has no bad line and hundreds of entries", () => {
    const { thesaurus, problems } = parseThesaurus(fs.readFileSync(path.join(SEARCH_DATA_DIR, 'everyday-words.txt'), 'utf8'));
    expect(problems).toEqual([]);
    expect(thesaurus.entries.length).toBeGreaterThan(250);
  });

  it('matches without regard to marks, unless typed marks differ or the entry asks for its marks', () => {
    const text = 'ly dị => ly hôn\n=mướn => thuê\ntiền trọ => tiền thuê nhà';
    expect(termsFound(text, 'bo me ly di')).toEqual(['ly hôn']); // no marks typed
    expect(termsFound(text, 'ly dị')).toEqual(['ly hôn']);
    expect(termsFound(text, 'lý dì')).toEqual([]); // marks typed, and other ones
    expect(termsFound(text, 'mướn nhà')).toEqual(['thuê']);
    expect(termsFound(text, 'muốn nhà')).toEqual([]);
    expect(termsFound(text, 'muon nha')).toEqual([]); // "=" needs the marks, typed or restored
    expect(termsFound(text, 'tiền trợ cấp')).toEqual([]);
  });

  it('takes the longest phrase at a place, gathers the terms of entries that share it, and merges a hub’s additions', () => {
    const app = 'nghỉ => nghỉ ngơi\nnghỉ đẻ => nghỉ thai sản\nnghỉ đẻ, sinh con => chế độ thai sản';
    expect(termsFound(app, 'được nghỉ đẻ mấy tháng')).toEqual(['nghỉ thai sản', 'chế độ thai sản']);
    const hub = parseThesaurus('gà qué => chăn nuôi').thesaurus;
    const merged = mergeThesauri(parseThesaurus(app).thesaurus, hub);
    const { folded, meant } = syllablesOf('nghỉ đẻ nuôi gà qué');
    expect(findPhrases(merged, folded, meant).map((m) => [m.start, m.end, m.terms])).toEqual([
      [0, 2, ['nghỉ thai sản', 'chế độ thai sản']],
      [3, 5, ['chăn nuôi']],
    ]);
  });
});

describe('words held together', () => {
  it('finds the longest run of the query’s adjacent words a passage quotes', () => {
    const passage = foldedWords('Điều 82. Nghĩa vụ, quyền của cha, mẹ không trực tiếp nuôi con sau khi ly hôn');
    expect(longestRun(passage, [['cha', 'me', 'khong', 'truc', 'tiep', 'nuoi', 'con']])).toBe(7);
    expect(longestRun(passage, [['nuoi', 'heo'], ['ly', 'hon']])).toBe(2);
    expect(longestRun(passage, [['hon', 'ly']])).toBe(1); // both there, never side by side
  });

  it("finds a phrase the thesaurus added, whole only", () => {
    const passage = foldedWords('Lao động nữ mang thai từ tháng thứ 07');
    const expansions = [{ tier: 'everyday' as const, words: ['mang', 'thai'], pairs: [], phrases: [['mang', 'thai']] }];
    expect(holdsExpansion(passage, expansions)).toBe(true);
    expect(holdsExpansion(foldedWords('mang theo, thai nhi'), expansions)).toBe(false);
  });
});
