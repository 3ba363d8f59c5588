/**
 * What a consolidated text (văn bản hợp nhất, VBHN) consolidates, from its header: "Thông tư số
 * 08/2020/TT-BLĐTBXH ngày …, có hiệu lực thi hành kể từ ngày …, được sửa đổi, bổ sung bởi:
 * Thông tư số 09/2021/TT-BLĐTBXH ngày … sửa đổi, bổ sung một số điều của Thông tư số
 * 08/2020/TT-BLĐTBXH …, có hiệu lực …" — the base document (whole) and each amending one, whole
 * when its title amends the base alone. The footnote "Văn bản này được hợp nhất từ … sau:" lists
 * the same documents and serves when the header does not. A VBHN states no other relation: the
 * ones it reproduces belong to the documents it merges.
 */
import type { KnownTitles, Mention } from './mentions.js';
import { findMentions, sameDocument } from './mentions.js';
import type { FoundRelation } from './kinds.js';
import { evidenceOf } from './statements.js';
import { joinLines } from './units.js';
import { descriptionAfter, targetsOf } from './targets.js';

const AMENDED_BY = /được\s+(?:sửa\s+đổi,?\s*bổ\s+sung|sửa\s+đổi|bổ\s+sung)\s+bởi\s*:?/u;
const FOOTNOTE = /Văn\s+bản\s+này\s+được\s+hợp\s+nhất\s+từ[^:]{0,80}:?/u;
/** Where the header ends: the preamble, the promulgation, the first article or chapter. */
const HEADER_END = /^\s*(?:Căn cứ|Theo đề nghị|\d{1,2}\s+Văn bản này được hợp nhất|[^\n]{0,80}\bban hành\b|Điều 1\.|Chương I\b|CHƯƠNG I\b|Phần thứ nhất|PHẦN THỨ NHẤT)/mu;
/** Each amending document's entry ends with its own effective date. */
const ENTRY_END = /có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+ngày\s+\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}\s*[.;]?/gu;

/** Entries of a list of documents: split after each one's effective date and at "1." or "-" line starts. */
function entriesOf(lines: string[]): string[] {
  const marked: string[][] = [[]];
  for (const line of lines) {
    if (/^\s*(?:\d{1,2}\.|[-–+•])\s+/u.test(line) && marked[marked.length - 1].length > 0) marked.push([]);
    marked[marked.length - 1].push(line.replace(/^\s*(?:\d{1,2}\.|[-–+•])\s+/u, ''));
  }
  return marked.flatMap((entry) => {
    const text = joinLines(entry);
    const parts: string[] = [];
    let at = 0;
    for (const m of text.matchAll(ENTRY_END)) {
      parts.push(text.slice(at, m.index + m[0].length));
      at = m.index + m[0].length;
    }
    parts.push(text.slice(at));
    return parts.map((p) => p.trim()).filter(Boolean);
  });
}

/** Whether an amending document's entry amends the base alone: the first document its description names is the base. */
function amendsBaseOnly(entry: string, mentions: Mention[], base: Mention): boolean {
  const named = targetsOf(entry, mentions, mentions[0].end);
  return named.length === 1 && (sameDocument(named[0], base) || (named[0].title !== null && base.title !== null && sameDocument({ ...named[0], number: null }, { ...base, number: null })));
}

function relation(target: Mention, scope: 'whole' | 'part', text: string): FoundRelation {
  const description = target.number ? descriptionAfter(text, target.end) : null;
  return {
    kind: 'consolidates',
    target,
    targetTitle: target.title ?? (target.type && description ? `${target.type} ${description}` : null),
    scope,
    articles: [],
    evidence: evidenceOf(text),
  };
}

/**
 * Whether a text whose header reads as a VBHN is one: its number, its gazette heading, the
 * footnote that lists what it merges, or "được sửa đổi, bổ sung bởi:" above its Căn cứ lines.
 */
export function isConsolidated(text: string): boolean {
  const head = text.slice(0, 20000);
  if (/VĂN\s+BẢN\s+HỢP\s+NHẤT|\/\s*VBHN\s*-/u.test(head.slice(0, 4000)) || FOOTNOTE.test(head)) return true;
  const preamble = /^\s*(?:Căn cứ|Điều\s+\d)/mu.exec(head);
  return AMENDED_BY.test(preamble ? head.slice(0, preamble.index) : head);
}

/** The consolidates relations of a VBHN's text (cleaned, quotes kept). */
export function consolidatedRelations(text: string, known: KnownTitles): FoundRelation[] {
  const head = text.slice(0, 20000);
  const marker = AMENDED_BY.exec(head);
  const found: FoundRelation[] = [];
  if (marker) {
    // The base: the first citation that opens a line above "được sửa đổi, bổ sung bởi".
    const lines = head.slice(0, marker.index).split('\n');
    let base: Mention | null = null;
    let baseText = '';
    for (let i = 0; i < lines.length && !base; i++) {
      if (!/^\s*\p{Lu}/u.test(lines[i])) continue;
      const text = joinLines(lines.slice(i));
      const first = findMentions(text, known)[0];
      if (first && first.start === 0 && first.number) {
        base = first;
        baseText = text;
      }
    }
    if (base) found.push(relation(base, 'whole', `${baseText} ${marker[0]}`));
    const after = head.slice(marker.index + marker[0].length);
    const end = HEADER_END.exec(after);
    for (const entry of entriesOf(after.slice(0, end ? end.index : after.length).split('\n'))) {
      const mentions = findMentions(entry, known);
      if (mentions.length === 0 || mentions[0].start > 20) continue;
      const whole = base !== null && amendsBaseOnly(entry, mentions, base);
      found.push(relation(mentions[0], whole ? 'whole' : 'part', entry));
    }
  }
  if (found.length > 0) return found;
  const footnote = FOOTNOTE.exec(text);
  if (!footnote) return found;
  const after = text.slice(footnote.index + footnote[0].length, footnote.index + 6000);
  const stop = /Văn bản hợp nhất này không thay thế|^\s*(?:Điều 1\.|Chương I\b|Căn cứ)/mu.exec(after);
  let base: Mention | null = null;
  for (const entry of entriesOf(after.slice(0, stop ? stop.index : after.length).split('\n'))) {
    const mentions = findMentions(entry, known);
    if (mentions.length === 0 || mentions[0].start > 20) continue;
    if (!base) {
      base = mentions[0];
      found.push(relation(base, 'whole', `${footnote[0]} ${entry}`));
    } else found.push(relation(mentions[0], amendsBaseOnly(entry, mentions, base) ? 'whole' : 'part', entry));
  }
  return found;
}
