/**
 * Is this text Vietnamese? Books in the wild declare the wrong dc:language (en-US, fr), so the
 * importer looks at the letters: ă đ ơ ư ĩ ũ and the precomposed letters of U+1EA0–U+1EF9
 * (dot below, hook above, circumflex or breve with a tone) occur in Vietnamese at several per
 * hundred letters and almost never in other Latin-script languages.
 */

const SPECIFIC = /[ăđơưĩũĂĐƠƯĨŨ\u1EA0-\u1EF9]/u;
const LETTER = /\p{L}/u;

export interface LanguageGuess {
  vietnamese: boolean;
  /** Share of Latin letters that are Vietnamese-specific. */
  share: number;
  letters: number;
}

/** Samples up to `sample` characters spread over the text. */
export function guessVietnamese(text: string, sample = 200_000): LanguageGuess {
  const nfc = text.length > sample ? spread(text, sample).normalize('NFC') : text.normalize('NFC');
  let letters = 0;
  let specific = 0;
  for (const char of nfc) {
    if (!LETTER.test(char)) continue;
    // Latin letters only: Han characters mixed into a Vietnamese text should not dilute it.
    if (char.codePointAt(0)! > 0x24f && !(char >= '\u1E00' && char <= '\u1EFF')) continue;
    letters++;
    if (SPECIFIC.test(char)) specific++;
  }
  const share = letters === 0 ? 0 : specific / letters;
  return { vietnamese: letters >= 100 && share >= 0.02, share, letters };
}

function spread(text: string, sample: number): string {
  const parts = 20;
  const size = Math.floor(sample / parts);
  const step = Math.floor(text.length / parts);
  let out = '';
  for (let i = 0; i < parts; i++) out += text.slice(i * step, i * step + size) + '\n';
  return out;
}
