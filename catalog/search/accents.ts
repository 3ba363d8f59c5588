/**
 * Exact-accent matching in passage text: when a query is typed with its marks, a passage that
 * has the same syllables with the same marks ("đường") should outrank one that only matches
 * folded ("dương"). Old and new tone placement ("hoà" / "hòa") count as the same.
 */
import { exactKey } from '../../shared/search/tokens.js';
import { escapeRegExp, vnFold } from '../../shared/text.js';

const VOWEL = /[aăâeêioôơuưy]/;
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/** A syllable written with its tone mark on each of its vowels in turn (all the same key). */
export function toneVariants(syllable: string): string[] {
  const decomposed = syllable.toLowerCase().normalize('NFD');
  const tone = decomposed.match(TONE)?.[0];
  if (!tone) return [syllable.toLowerCase().normalize('NFC')];
  const letters = [...decomposed.replace(TONE, '').normalize('NFC')];
  const variants = new Set<string>();
  letters.forEach((letter, i) => {
    if (!VOWEL.test(letter.normalize('NFD').charAt(0))) return;
    const withTone = [...letters];
    withTone[i] = (letter.normalize('NFD') + tone).normalize('NFC');
    variants.add(withTone.join(''));
  });
  return [...variants].filter((v) => exactKey(v) === exactKey(syllable));
}

export interface AccentMatcher {
  variants: string[];
  /** The variants as whole syllables (not inside a longer one). */
  pattern: RegExp;
  /** The syllable without marks, and as a whole syllable of folded text. */
  folded: string;
  foldedPattern: RegExp;
}

/** A matcher for each marked syllable of a query: whole syllables only, any tone placement. */
export function accentMatchers(typedSyllables: Iterable<string>): AccentMatcher[] {
  return [...typedSyllables].map((syllable) => {
    const variants = toneVariants(syllable);
    const folded = vnFold(syllable);
    return {
      variants,
      pattern: new RegExp(`(?<![\\p{L}\\p{M}])(?:${variants.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}])`, 'u'),
      folded,
      foldedPattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(folded)}(?![\\p{L}\\p{N}])`, 'u'),
    };
  });
}

export interface AccentShares {
  /** Share of the query's marked syllables the text holds with the same marks. */
  exact: number;
  /** Of those it holds without regard to marks, the share it holds only with other marks ("hơn" for "hôn"): matches the resident did not mean. */
  wrong: number;
}

/** How a text holds the query's marked syllables: with their marks, or only with others (`folded`: the text already folded with vnFold). */
export function accentShares(text: string, matchers: AccentMatcher[], folded = vnFold(text)): AccentShares {
  if (!matchers.length) return { exact: 0, wrong: 0 };
  const lower = text.toLowerCase();
  let matched = 0;
  let exact = 0;
  for (const m of matchers) {
    // A plain substring search rules most texts out before the (slower) whole-syllable patterns.
    if (!folded.includes(m.folded) || !m.foldedPattern.test(folded)) continue;
    matched += 1;
    if (m.variants.some((v) => lower.includes(v)) && m.pattern.test(lower)) exact += 1;
  }
  return { exact: exact / matchers.length, wrong: matched ? (matched - exact) / matched : 0 };
}
