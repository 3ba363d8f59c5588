/**
 * The relations a document states, read unit by unit (./units.ts) and statement by statement
 * (./statements.ts): the documents a statement names (./targets.ts), or — when it names none —
 * the one its article or clause amends ("b) Bãi bỏ khoản 3 Điều 22"), the items of the list it
 * introduces ("các Thông tư sau hết hiệu lực:", "a) Thông tư số …"), or those of the annex it
 * refers to ("… tại Phụ lục I ban hành kèm theo Thông tư này"); with whole or part for each.
 */
import type { Mention, KnownTitles } from './mentions.js';
import { findMentions, sameDocument } from './mentions.js';
import type { Unit } from './units.js';
import { statementsOf } from './units.js';
import { articlesNamed, descriptionAfter, onlyParts, startsWithPart, targetsOf, wordsBefore } from './targets.js';
import { DOC_SELF, evidenceOf, readStatement } from './statements.js';
import type { Reading } from './statements.js';
import type { RelationKind } from '../../related.js';

export type { RelationKind };

export interface FoundRelation {
  kind: RelationKind;
  target: Mention;
  targetTitle: string | null;
  scope: 'whole' | 'part';
  articles: string[];
  evidence: string;
}

/** Documents named in general ("của các văn bản sau đây", "các Nghị định có liên quan"): a list follows, or nothing is named. */
const GENERIC_DOCUMENTS = /(?<![\p{L}])(?:các|những)\s+(?:văn bản|Thông tư liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Luật|luật|thông tư|nghị định)(?![\p{L}])/u;
/** "… tại Phụ lục I ban hành kèm theo Thông tư này": the list is in the document's annex. */
const ANNEXED = new RegExp(`(?:tại|theo|trong)\\s+(?:các\\s+)?Phụ lục\\s+([IVXLC\\d]+(?:\\s*(?:,|và)\\s*(?:Phụ lục\\s+)?[IVXLC\\d]+)*)\\s+(?:ban hành\\s+)?kèm theo\\s+${DOC_SELF}\\s+này`, 'iu');
/** "theo hướng": what follows is a policy for a text to be drafted. */
const POLICY = /(?<![\p{L}])theo hướng(?![\p{L}])/u;
/** A subject naming a list that follows: "các Thông tư sau", "các văn bản sau đây". */
const LIST_SUBJECT = /(?<![\p{L}])sau(?:\s+đây)?\s*$/u;
/** Words that keep some of a replaced document in force: "trừ Điều 75 …", "… Điều 4 … tiếp tục thực hiện". */
const EXCEPT = /(?<![\p{L}])trừ\s+(?:(?:các|quy định tại|nội dung quy định tại|nội dung)\s+)?(?:điểm|khoản|điều|chương|mục|phụ lục|mẫu)(?![\p{L}])[^,;.()]*/giu;
const GOES_ON = /(?<![\p{L}])tiếp tục (?:thực hiện|có hiệu lực|áp dụng|được áp dụng|được thực hiện)(?![\p{L}])/u;
const PART_NAMED = /(?<![\p{L}])(?:điểm|khoản|Điều|Chương|Mục|Phụ lục|Mẫu)\s+(?:số\s+)?(?:\d|[IVXLC]+(?![\p{L}])|[a-zđ](?![\p{L}]))/u;
/** Words before a target that say it is a document acted on as a whole. */
const WHOLE = /(?<![\p{L}])toàn bộ(?![\p{L}])/u;

/** Whether a statement keeps some parts of the document it replaces in force ("trừ Điều 75 …", not "trừ … khoản 2 Điều này"). */
const keeps = (text: string) => [...text.matchAll(EXCEPT)].some((m) => !/(?<![\p{L}])này(?![\p{L}])/u.test(m[0]));

export interface WalkContext {
  units: Unit[];
  known: KnownTitles;
  /** The document's own number, never its own target. */
  self: string | null;
  /** The items of the document's annex with this label ("I", "II"). */
  annex: (label: string) => string[];
}

/** The mentions of `text` that are not the document itself. */
function mentionsIn(text: string, ctx: WalkContext): Mention[] {
  const own: Mention = { start: 0, end: 0, number: ctx.self, title: null, type: null, printed: true };
  return findMentions(text, ctx.known).filter((m) => !(ctx.self && m.number && sameDocument(m, own)));
}

/** Whole or part, from the words before a target (`before`): parts named there make it part. */
function scopeOf(kind: RelationKind, before: string, kept: boolean): 'whole' | 'part' {
  if (kind === 'amends') return 'part';
  if (kind === 'guides') return /(?<![\p{L}])(?:một số|điều|khoản|điểm|chương|mục|phần)(?![\p{L}])/iu.test(before) ? 'part' : 'whole';
  if (kept) return 'part';
  if (WHOLE.test(before)) return 'whole';
  // Anything named before the document but joining words is a part of it: an article, an annex, a form.
  const named = before.replace(/\([^()]*\)/g, ' ').replace(/(?<![\p{L}])(?:các|Các|quy định tại|của|tại|và|ban hành kèm theo|kèm theo)(?![\p{L}])|[,;:]/gu, ' ').trim();
  return named === '' || PLURAL_DOCS.test(named) ? 'whole' : 'part';
}

/** "Các Nghị định", "các văn bản sau": whole documents named in the plural. */
const PLURAL_DOCS = /^(?:Thông tư liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Chỉ thị|Luật|văn bản)$/iu;

/** Whether the object, before its first document, is made of parts and joining words only. */
function partsBefore(kind: RelationKind, object: string, first: Mention): boolean {
  const before = object.slice(0, first.start).replace(/\([^()]*\)/g, ' ').trim();
  // An amendment names what it changes: parts, "một số …", or the document itself ("Bổ sung kinh phí …" is no amendment).
  if (kind === 'amends' && before !== '' && !startsWithPart(before) && !/^(?:một số|các|tên)(?![\p{L}])/iu.test(before)) return false;
  if (onlyParts(before) || ATTACHED_TO.test(before)) return true;
  // "Sửa đổi Điều 3 đã được sửa đổi, bổ sung tại Thông tư số …": that document amended the part before.
  if (/(?<![\p{L}])(?:được|bởi)(?![\p{L}])/u.test(before)) return false;
  // "Bãi bỏ các quy định liên quan đến … quy định tại Nghị định số …", "Sửa đổi, bổ sung một số điều về
  // chế độ … tại Thông tư số …": what is changed may take words to say when it starts with parts.
  const words = before.split(/\s+/).length;
  const long = startsWithPart(before) || /^(?:một số|các)(?![\p{L}])/iu.test(before) || (kind === 'repeals' && /quy định tại$/u.test(before));
  return /(?:của|tại|theo)$/u.test(before) && (words <= 14 || (long && words <= 40));
}

/** "… ban hành kèm theo Thông tư số 54/2016/TT-BLĐTBXH": something attached to the document, a part of it. */
const ATTACHED_TO = /(?<![\p{L}])(?:ban hành\s+)?kèm theo$/u;

function found(kind: RelationKind, object: string, target: Mention, before: string, scope: 'whole' | 'part', evidence: string): FoundRelation {
  const description = target.number ? descriptionAfter(object, target.end) : null;
  const type = target.type ?? null;
  return {
    kind,
    target,
    targetTitle: target.title ?? (type && description ? `${type} ${description}` : null),
    scope,
    articles: scope === 'part' ? articlesNamed(before) : [],
    evidence: evidenceOf(evidence),
  };
}

/**
 * Reads the relations of a document's title and body units. Each unit's context is the single
 * document its own statement acts on, or else its parent's; the title's, when it amends one
 * document, encloses the body.
 */
export function readUnits(ctx: WalkContext): FoundRelation[] {
  const { units } = ctx;
  const results: FoundRelation[] = [];
  const context: (Mention | null)[] = [];
  const listKind: (RelationKind | null)[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const inherited = unit.parent !== null ? context[unit.parent] : null;
    let own: Mention | null = null;
    let intro: RelationKind | null = null;
    const parentList = unit.parent !== null ? listKind[unit.parent] : null;
    const statements = i === 0 ? [unit.text] : joinContinued(statementsOf(unit.text));
    // An item of its parent's list names its documents first; its other sentences describe them.
    if (parentList && statements.length > 0 && !readStatement(statements[0], false)) {
      const item = readItem(parentList, unit.text, unit.text, ctx);
      results.push(...item);
      context.push(item.length === 1 ? item[0].target : inherited);
      listKind.push(null);
      continue;
    }
    let pending: RelationKind | null = null;
    for (let j = 0; j < statements.length; j++) {
      let statement = statements[j];
      // "… theo hướng: bãi bỏ …; sửa đổi …": a policy to be drafted, not a change made.
      if (POLICY.test(unit.text.slice(0, unit.text.indexOf(statement)))) break;
      let reading = readStatement(statement, i === 0);
      // "Thông tư số A … quy định …; tổ chức … hết hiệu lực …": the subject began before the ";".
      if (reading?.expiry && !leadingMention(reading, ctx)) {
        let k = j;
        while (k > 0 && statements[k - 1].endsWith(';')) k--;
        const whole = statements.slice(k, j + 1).join(' ');
        const wider = k < j ? readStatement(whole, false) : null;
        if (wider?.expiry && leadingMention(wider, ctx)) {
          statement = whole;
          reading = wider;
        }
      }
      if (!reading && pending) {
        const item = readItem(pending, statement, unit.text, ctx);
        results.push(...item);
        continue;
      }
      if (!reading) continue;
      const mentions = mentionsIn(reading.object, ctx);
      const firstMention = mentions[0];
      const usable = firstMention && (reading.kind === 'guides' || reading.expiry ? startsAtSubject(reading, firstMention) : partsBefore(reading.kind, reading.object, firstMention));
      if (usable) {
        const targets = targetsOf(reading.object, mentions);
        // The document a statement changes is the one its parts are changed in; one it details is not.
        if (targets.length === 1 && reading.kind !== 'guides') own = targets[0];
        if (reading.phrase) continue;
        const kept = keeps(statement) || keptLater(unit.text, statement, targets);
        targets.forEach((target, t) => {
          // "Quy định chi tiết một số điều của Luật A và Nghị định B": the parts go with each.
          const before = reading.kind === 'guides' ? reading.object.slice(0, target.start) : wordsBefore(reading.object, targets, t);
          results.push(found(reading.kind, reading.object, target, before, scopeOf(reading.kind, before, kept), statement));
        });
        continue;
      }
      if (reading.phrase) continue;
      const annexed = ANNEXED.exec(reading.object);
      if (annexed && (reading.kind === 'repeals' || reading.kind === 'replaces')) {
        for (const label of annexed[1].split(/\s*(?:,|và)\s*(?:Phụ lục\s+)?/iu)) {
          for (const item of ctx.annex(label)) results.push(...readItem(reading.kind, item, item, ctx));
        }
        continue;
      }
      if (startsWithPart(reading.object) && !reading.expiry && !GENERIC_DOCUMENTS.test(reading.object)) {
        const target = inherited;
        if (target && reading.kind !== 'guides') results.push({ ...found(reading.kind, '', target, '', 'part', statement), articles: articlesNamed(reading.object) });
        continue;
      }
      if (/:\s*$/.test(statement) || (reading.expiry ? LIST_SUBJECT.test(reading.object) : unit.children.length > 0)) {
        if (reading.kind !== 'guides') {
          intro = reading.kind;
          pending = reading.kind;
        }
      }
    }
    context.push(own ?? inherited);
    listKind.push(intro);
  }
  return results;
}

/** Statements after ";" that go on with the one before ("…; điểm 13 của Nghị quyết số …"): joined to it. */
function joinContinued(statements: string[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    const last = out[out.length - 1];
    if (last?.endsWith(';') && /^\p{Ll}/u.test(s) && !readStatement(s, false)) out[out.length - 1] = `${last} ${s}`;
    else out.push(s);
  }
  return out;
}

/** Whether an expiry statement's subject opens with a document ("Thông tư số …", "Khoản 2 Điều 3 của Nghị định số …"). */
function leadingMention(reading: Reading, ctx: WalkContext): boolean {
  const first = mentionsIn(reading.object, ctx)[0];
  return first !== undefined && startsAtSubject(reading, first);
}

/** A "hết hiệu lực" subject or a "quy định chi tiết" object: any document it names may be first. */
function startsAtSubject(reading: Reading, first: Mention): boolean {
  if (!reading.expiry) return true;
  const before = reading.object.slice(0, first.start).replace(/^(?:các|Các)\s+/u, '').trim();
  return onlyParts(before) || ATTACHED_TO.test(before);
}

/** Whether a later statement of the unit keeps part of a target in force ("Đối với quy định tại … tiếp tục thực hiện"). */
function keptLater(unitText: string, statement: string, targets: Mention[]): boolean {
  const after = unitText.slice(unitText.indexOf(statement) + statement.length);
  return statementsOf(after).some(
    (s) => GOES_ON.test(s) && PART_NAMED.test(s) && targets.some((t) => t.number !== null && s.includes(t.number)),
  );
}

/**
 * An item of a list introduced by a relation ("a) Thông tư số 10/2016/TT-BKHĐT …", "c) Khoản 2
 * Điều 3; các khoản 1, 3 Điều 7 … của Nghị định số 135/2020/NĐ-CP …"): its first document, when
 * only parts come before it, and those listed with it.
 */
function readItem(kind: RelationKind, text: string, unitText: string, ctx: WalkContext): FoundRelation[] {
  const mentions = mentionsIn(text, ctx);
  const first = mentions[0];
  if (!first) return [];
  const before = text.slice(0, first.start).replace(/^(?:các|Các|toàn bộ|Toàn bộ)\s+/u, '');
  if (!onlyParts(before)) return [];
  const targets = targetsOf(text, mentions);
  const kept = keeps(text) || keptLater(unitText, text, targets);
  return targets.map((t, index) => {
    const before = wordsBefore(text, targets, index);
    return found(kind, text, t, before, scopeOf(kind, before, kept), text);
  });
}
