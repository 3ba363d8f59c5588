/**
 * Whether a string can be a Vietnamese syllable: an onset, a rhyme the language has, and a tone
 * its ending allows (a syllable ending in c, ch, p or t takes only the sắc or nặng tone). Typos a
 * resident makes usually break one of these ("khôg", "lươg", "vưc"); foreign words ("hack",
 * "facebook") break them too, so a caller corrects only what looks Vietnamese otherwise.
 */

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];

const RHYMES = `a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
  e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
  o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong oong ooc op ot
  ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
  u ua uân uâng uât uây uc uê uêch uên uênh uêt ui um un ung uơ uôc uôi uôm uôn uông uôt up ut uy uya uych uyên uyêt uynh uyt uyu
  ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu y yêm yên yêt yêu`.split(/\s+/).filter(Boolean);

const RHYME_SET = new Set(RHYMES);
const STOP_FINAL = /(c|ch|p|t)$/;
/** Combining tone marks: huyền, sắc, hỏi, ngã, nặng. */
const TONES = /[\u0300\u0301\u0309\u0303\u0323]/g;
const SAC_OR_NANG = /[\u0301\u0323]/;

/** The syllable's letters without its tone (but with its vowel marks), and its tone marks. */
function split(syllable: string): { base: string; tones: string } {
  const decomposed = syllable.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONES)?.join('') ?? '';
  return { base: decomposed.replace(TONES, '').normalize('NFC'), tones };
}

export function isVietnameseSyllable(syllable: string): boolean {
  const { base, tones } = split(syllable);
  if (tones.length > 1) return false;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    let rhyme = base.slice(onset.length);
    // "gi" and "qu" carry the i and u of "gia", "quan": the rest is the rhyme.
    if (!rhyme && onset === 'gi') rhyme = 'i';
    if (!RHYME_SET.has(rhyme)) continue;
    if (STOP_FINAL.test(rhyme) && !SAC_OR_NANG.test(tones)) continue;
    return true;
  }
  return false;
}

/** Letters only a foreign word has, or endings Vietnamese never has: not worth correcting as a typo (a letter typed twice, "hiểmm", is a slip). */
export function looksForeign(folded: string): boolean {
  const ending = folded.replace(/(.)\1+$/, '$1').replace(/(ch|ng|nh)$/, '');
  return /[fjwz]/.test(folded) || /[bcdfghklmnpqrstvx]{2,}$/.test(ending) || folded.length > 7;
}
