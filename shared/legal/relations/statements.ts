/**
 * One statement read for a relation, in the fixed forms of Vietnamese legal drafting: a verb that
 * opens a title, an article, a clause, a point or a sentence — "Sửa đổi, bổ sung …", "Bãi bỏ …",
 * "Bỏ …", "Thay thế …" — or that follows the document's own name ("Thông tư này thay thế …",
 * "Nghị định này quy định chi tiết …", "Quyết định này có hiệu lực … và thay thế …"), or "<văn
 * bản> hết hiệu lực …". The same verbs inside a sentence ("… đã được sửa đổi, bổ sung bởi …",
 * "Trường hợp các văn bản … được sửa đổi, bổ sung hoặc thay thế thì …") describe, and state nothing.
 */
import type { RelationKind } from './kinds.js';

export const DOC_SELF = '(?:Thông tư liên tịch|Nghị quyết liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Bộ luật|Luật|Pháp lệnh|Chỉ thị|Lệnh|Văn bản|Quy chế|Quy định)';
/** The document speaking of itself: "Thông tư này …". */
const SELF = new RegExp(`^${DOC_SELF}\\s+này\\s+`, 'u');
/** "Kể từ ngày Thông tư này có hiệu lực thi hành, …", "Đồng thời, …": words before the verb. */
const LEAD_IN = /^(?:(?:Kể từ|kể từ|Từ|từ)\s+ngày\s+[^,;]{0,160}?(?:có hiệu lực(?:\s+thi hành)?|\d{4}),\s*|Đồng thời,?\s+|đồng thời\s+)/u;
/** "có hiệu lực … và thay thế …", "có hiệu lực …, bãi bỏ …" after the document's own name. */
const EFFECT_AND = /^có hiệu lực[^;]*?(?:,\s*|\s+và\s+)(?=(?:thay thế|bãi bỏ)\s)/u;
/** "Về việc bổ sung …" in a title. */
const TITLE_LEAD = /^(?:Về việc|Về)\s+(?=(?:sửa đổi|bổ sung|bãi bỏ|thay thế|quy định chi tiết|hướng dẫn thi hành|hướng dẫn thực hiện)(?![\p{L}]))/iu;

const VERBS: { kind: Exclude<RelationKind, 'consolidates'>; pattern: RegExp }[] = [
  { kind: 'amends', pattern: /^(?:sửa đổi|bổ sung)(?![\p{L}])/iu },
  { kind: 'repeals', pattern: /^(?:bãi bỏ|bỏ)(?![\p{L}])/iu },
  { kind: 'replaces', pattern: /^thay thế(?![\p{L}])/iu },
  { kind: 'guides', pattern: /^(?:quy định chi tiết|hướng dẫn thi hành|hướng dẫn thực hiện|hướng dẫn chi tiết)(?![\p{L}])/iu },
];
/** More verbs joined to the first: "Sửa đổi, bổ sung, bãi bỏ …", "Quy định chi tiết và hướng dẫn thi hành …". */
const MORE_VERBS = /^(?:\s*(?:,|và)\s*(?:sửa đổi|bổ sung|bãi bỏ|bỏ|thay thế|hướng dẫn thi hành|hướng dẫn thực hiện|hướng dẫn|quy định chi tiết)(?![\p{L}]))*\s*/iu;
/** An object that is words, not parts of a document: "cụm từ …" (part of an amendment, not labelled). */
const PHRASE = /^(?:(?:một số|các|những)\s+)?(?:cụm từ|từ ngữ|thuật ngữ|dấu|ký hiệu)(?![\p{L}])|^(?:(?:một số|các)\s+)?(?:từ|chữ|nội dung|đoạn|câu)\s*“/iu;
/** "một số cụm từ, điểm, khoản, điều của …": words and parts, so parts too. */
const PHRASE_AND_PARTS = /^(?:(?:một số|các|những)\s+)?(?:cụm từ|từ ngữ|thuật ngữ)\s*(?:,|và)\s*(?:điểm|khoản|điều|chương|mục|phụ lục|mẫu)(?![\p{L}])/iu;
/** "… hết hiệu lực …": what lost effect is named before. */
const EXPIRES = /^(.*?)\s*(?<![\p{L}])hết hiệu lực(?![\p{L}])/u;

const MAX_EVIDENCE = 200;

/** A fragment of at most 200 characters, cut at a space. */
export function evidenceOf(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_EVIDENCE) return clean;
  const cut = clean.lastIndexOf(' ', MAX_EVIDENCE - 1);
  return `${clean.slice(0, cut > 100 ? cut : MAX_EVIDENCE - 1)}…`;
}

export interface Reading {
  kind: Exclude<RelationKind, 'consolidates'>;
  /** The statement's object, after the verb (cut before "bằng" for "thay thế"). */
  object: string;
  /** Words, not parts of a document. */
  phrase: boolean;
  /** "… hết hiệu lực": the object is the subject before it. */
  expiry: boolean;
}

/** What a statement states, if it opens with a relation verb or says "… hết hiệu lực". */
export function readStatement(statement: string, inTitle: boolean): Reading | null {
  let s = statement.replace(LEAD_IN, '');
  if (inTitle) s = s.replace(TITLE_LEAD, '');
  const self = SELF.exec(s);
  if (self) {
    s = s.slice(self[0].length);
    // "Nghị quyết này có hiệu lực … và thay thế Nghị quyết số …": the effect, then the relation.
    const joined = EFFECT_AND.exec(s);
    if (joined) s = s.slice(joined.index + joined[0].length);
  }
  const verb = VERBS.find((v) => v.pattern.test(s));
  if (verb && (verb.kind !== 'guides' || self || inTitle)) {
    let object = s.replace(verb.pattern, '').replace(MORE_VERBS, '');
    if (verb.kind === 'replaces') object = object.replace(/^cho\s+/u, '').split(/\s+bằng\s+/u)[0];
    return { kind: verb.kind, object, phrase: PHRASE.test(object) && !PHRASE_AND_PARTS.test(object), expiry: false };
  }
  const expires = EXPIRES.exec(s);
  if (expires && !self && !inTitle) return { kind: 'replaces', object: expires[1], phrase: false, expiry: true };
  return null;
}
