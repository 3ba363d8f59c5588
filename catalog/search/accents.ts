/**
 * Exact-accent matching in passage text: when a query is typed with its marks, a passage that
 * has the same syllables with the same marks ("đường") should outrank one that only matches
 * folded ("dương"). Old and new tone placement ("hoà" / "hòa") count as the same.
 */
import { exactKey } from '../../shared/search/tokens.js';

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

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface AccentMatcher {
  variants: string[];
  /** The variants as whole syllables (not inside a longer one). */
  pattern: RegExp;
}

/** A matcher for each marked syllable of a query: whole syllables only, any tone placement. */
export function accentMatchers(typedSyllables: Iterable<string>): AccentMatcher[] {
  return [...typedSyllables].map((syllable) => {
    const variants = toneVariants(syllable);
    return { variants, pattern: new RegExp(`(?<![\\p{L}\\p{M}])(?:${variants.map(escape).join('|')})(?![\\p{L}\\p{M}])`, 'u') };
  });
}

/** Share (0–1) of the matchers found in a text. */
export function accentShare(text: string, matchers: AccentMatcher[]): number {
  if (!matchers.length) return 0;
  const lower = text.toLowerCase();
  // A plain substring search rules most texts out before the (slower) whole-syllable pattern.
  const found = matchers.filter((m) => m.variants.some((v) => lower.includes(v)) && m.pattern.test(lower));
  return found.length / matchers.length;
}
