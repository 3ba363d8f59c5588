/**
 * Relations between legal documents read from a document's own text — what it replaces, repeals,
 * amends, details or guides, and (a consolidated text) consolidates — with its effective date.
 * Conventions are those of ../shared/corpora/legal/relations-dev/README.md: one relation per kind
 * and target; targets as printed, tidied; a target named by title resolved through the document's
 * own citations; nothing from Căn cứ lines, corrections (đính chính), suspensions (ngưng hiệu
 * lực), descriptive mentions ("đã được sửa đổi, bổ sung bởi"), quoted amended wording or clauses
 * about cited documents being amended. The parts, in ./relations/: units.ts (the text made ready
 * and cut into articles, clauses, points), statements.ts (one statement read), mentions.ts
 * (documents named, titles resolved), targets.ts (which of them a statement acts on),
 * kinds.ts (the walk through the units), consolidated.ts (VBHN headers), effective-date.ts.
 */
import { numberKey } from '../text.js';
import { parseLegalHeader } from './header.js';
import { consolidatedRelations, isConsolidated } from './relations/consolidated.js';
import { effectiveDate } from './relations/effective-date.js';
import type { FoundRelation, RelationKind } from './relations/kinds.js';
import { readUnits } from './relations/kinds.js';
import { foldTitle, knownTitles } from './relations/mentions.js';
import { annexItems, prepareText, unitsOf } from './relations/units.js';

export type { RelationKind } from './relations/kinds.js';
export { numberKeys, printedKeys } from './relations/targets.js';
export { RELATION_KINDS } from '../related.js';

export interface Relation {
  kind: RelationKind;
  /** The target's number as printed, tidied; null when the text names it only by title and never prints its number. */
  target: string | null;
  /** The target's title as the text gives it, when it does. */
  targetTitle: string | null;
  scope: 'whole' | 'part';
  /** For a part: the articles named ("Điều 5"), when the statement names them. */
  articles?: string[];
  /** The sentence or fragment that states the relation, at most 200 characters. */
  evidence: string;
}

export interface DocumentRelations {
  /** ISO YYYY-MM-DD; null when not stated as a date. */
  effective: string | null;
  /** In effect from the day it is signed ("có hiệu lực kể từ ngày ký"): its effective date is its issue date. */
  onSigning: boolean;
  relations: Relation[];
}

/** How much of the start of a text holds its header. */
const HEADER_CHARS = 6000;

/** One relation per kind and target: the first statement's evidence, "whole" when any says so, articles merged. */
function merge(found: FoundRelation[]): Relation[] {
  const byKey = new Map<string, Relation>();
  for (const f of found) {
    const target = f.target.number;
    const key = `${f.kind} ${target ? numberKey(target) : `title:${foldTitle(f.target.title ?? '')}`}`;
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, {
        kind: f.kind,
        target,
        targetTitle: f.targetTitle,
        scope: f.scope,
        ...(f.scope === 'part' && f.articles.length > 0 && { articles: f.articles }),
        evidence: f.evidence,
      });
      continue;
    }
    known.targetTitle ??= f.targetTitle;
    if (f.scope === 'whole' && f.kind !== 'amends') {
      known.scope = 'whole';
      delete known.articles;
    } else if (known.scope === 'part' && f.articles.length > 0) {
      known.articles = [...new Set([...(known.articles ?? []), ...f.articles])];
    }
  }
  return [...byKey.values()];
}

/** The effective date and relations a document's text states (any Unicode form; read as NFC). */
export function extractRelations(text: string): DocumentRelations {
  const prepared = prepareText(text);
  const header = parseLegalHeader(prepared.text.slice(0, HEADER_CHARS));
  const known = knownTitles(prepared.text, prepared.bodyStart);
  if (header.docType === 'Văn bản hợp nhất' && isConsolidated(prepared.text)) {
    return { effective: null, onSigning: false, relations: merge(consolidatedRelations(prepared.text, known)) };
  }
  const units = unitsOf(prepared, header.summary);
  const effect = effectiveDate(units);
  return {
    effective: effect.date,
    onSigning: effect.onSigning,
    relations: merge(readUnits({ units, known, self: header.number, annex: (label) => annexItems(prepared, label) })),
  };
}
