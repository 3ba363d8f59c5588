/**
 * Measures how well relations between documents and effective dates are read from legal texts
 * (shared/legal/relations.ts), on a catalog in the format of ../shared/corpora/legal/catalog
 * (metadata.jsonl: one object per document with its slug and parsed number; fulltext.jsonl.gz:
 * {"slug", "full_text"}) and, when given, labels in the format of
 * ../shared/corpora/legal/relations-dev/labels.jsonl. A relation is right when its kind and its
 * target's number key match a label's (a target named only by title: when both are null and the
 * titles agree); the National Assembly term of a misprinted number ("67/2014/QH14") is forgiven
 * by a general rule (numberKeys), not by a list of cases.
 *
 * What is measured is what the catalog keeps: each document is saved into a temporary library
 * (catalog/documents.ts, as an import saves it), and its relations and effective date are read
 * back from the relations table and the text's reading.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { saveDocuments } from '../documents.js';
import { Library } from '../library.js';
import { RELATION_KINDS, numberKeys } from '../../shared/legal/relations.js';
import type { RelationKind } from '../../shared/legal/relations.js';
import { parseLegalHeader } from '../../shared/legal/header.js';
import { vnFold } from '../../shared/text.js';

/** One document as the command prints it. */
export interface DocumentOutput {
  slug: string;
  number: string | null;
  effective: string | null;
  relations: { kind: RelationKind; target: string | null; scope: 'whole' | 'part'; targetTitle?: string | null }[];
}

/** A labelled document (relations-dev/labels.jsonl). */
export interface LabelledDocument {
  slug: string;
  number: string | null;
  effective: string | null;
  relations: { kind: RelationKind; target: string | null; target_title: string | null; scope: 'whole' | 'part'; evidence: string }[];
}

export interface Counts {
  right: number;
  /** Found but not labelled. */
  extra: number;
  /** Labelled but not found. */
  missed: number;
}

export interface Figures extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface RelationsEvalResult {
  documents: number;
  relations: Figures;
  byKind: Record<RelationKind, Figures>;
  effective: { right: number; total: number; share: number };
}

export interface DocumentScore {
  counts: Record<RelationKind, Counts>;
  effectiveRight: boolean;
  missed: LabelledDocument['relations'];
  extra: DocumentOutput['relations'];
}

interface CatalogEntry {
  slug: string;
  parsed?: { number?: string | null };
  slug_number_ascii?: string | null;
}

export function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Numbers by slug from the catalog's metadata: the parsed number, else the one in the slug. */
export function readCatalog(file: string): Map<string, string | null> {
  return new Map(readJsonl<CatalogEntry>(file).map((e) => [e.slug, e.parsed?.number ?? e.slug_number_ascii ?? null]));
}

/** The texts of a catalog, one document at a time (the file holds tens of megabytes of text). */
export async function* readTexts(file: string): AsyncGenerator<{ slug: string; text: string }> {
  const input = fs.createReadStream(file).pipe(file.endsWith('.gz') ? zlib.createGunzip() : new PassThrough());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { slug: string; full_text: string };
    yield { slug: doc.slug, text: doc.full_text ?? '' };
  }
}

/**
 * What the catalog keeps of one document, saved into `library` as a legal document under its slug:
 * its own number as printed (else the catalog's), the effective date its text states, its relations.
 */
export function readDocument(library: Library, slug: string, text: string, catalogNumber: string | null): DocumentOutput {
  const nfc = text.normalize('NFC');
  const number = parseLegalHeader(nfc.slice(0, 6000)).number ?? catalogNumber;
  saveDocuments(library.db, [{ publication: { id: slug, kind: 'legal', title: slug, number }, files: [], text: { text: nfc, pageStarts: [0], pageCount: null }, sections: [] }]);
  const effective = library.db.prepare('SELECT effective_date FROM relation_readings WHERE publication_id = ?').pluck().get(slug) as string | null | undefined;
  const rows = library.db
    .prepare('SELECT kind, target_number AS target, scope, target_title AS targetTitle FROM relations WHERE publication_id = ? ORDER BY id')
    .all(slug) as (DocumentOutput['relations'][number] & { targetTitle: string | null })[];
  return {
    slug,
    number,
    effective: effective ?? null,
    relations: rows.map(({ targetTitle, ...r }) => ({ ...r, ...(r.target === null && { targetTitle }) })),
  };
}

const foldTitle = (title: string | null | undefined) => vnFold(title ?? '').replace(/\s+/g, ' ').trim();

/** Whether a found relation is the labelled one: same kind, and the same number key (or both by title, titles agreeing). */
export function sameRelation(found: DocumentOutput['relations'][number], label: LabelledDocument['relations'][number]): boolean {
  if (found.kind !== label.kind) return false;
  if (found.target && label.target) {
    const keys = numberKeys(label.target);
    return numberKeys(found.target).some((k) => keys.includes(k));
  }
  if (found.target || label.target) return false;
  const a = foldTitle(found.targetTitle);
  const b = foldTitle(label.target_title);
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

const emptyCounts = (): Record<RelationKind, Counts> =>
  Object.fromEntries(RELATION_KINDS.map((k) => [k, { right: 0, extra: 0, missed: 0 }])) as Record<RelationKind, Counts>;

/** Matches one document's relations to its labels, one to one. */
export function scoreDocument(output: DocumentOutput, label: LabelledDocument): DocumentScore {
  const counts = emptyCounts();
  const unmatched = [...label.relations];
  const extra: DocumentOutput['relations'] = [];
  for (const found of output.relations) {
    const at = unmatched.findIndex((l) => sameRelation(found, l));
    if (at >= 0) {
      counts[found.kind].right++;
      unmatched.splice(at, 1);
    } else {
      counts[found.kind].extra++;
      extra.push(found);
    }
  }
  for (const l of unmatched) counts[l.kind].missed++;
  return { counts, effectiveRight: output.effective === label.effective, missed: unmatched, extra };
}

function figures(c: Counts): Figures {
  const precision = c.right + c.extra > 0 ? c.right / (c.right + c.extra) : 1;
  const recall = c.right + c.missed > 0 ? c.right / (c.right + c.missed) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/** Figures over scored documents: all relations, per kind, and the share of effective dates right. */
export function summarise(scores: DocumentScore[]): RelationsEvalResult {
  const byKind = emptyCounts();
  for (const s of scores) {
    for (const kind of RELATION_KINDS) {
      byKind[kind].right += s.counts[kind].right;
      byKind[kind].extra += s.counts[kind].extra;
      byKind[kind].missed += s.counts[kind].missed;
    }
  }
  const total = RELATION_KINDS.reduce<Counts>(
    (sum, k) => ({ right: sum.right + byKind[k].right, extra: sum.extra + byKind[k].extra, missed: sum.missed + byKind[k].missed }),
    { right: 0, extra: 0, missed: 0 },
  );
  const right = scores.filter((s) => s.effectiveRight).length;
  return {
    documents: scores.length,
    relations: figures(total),
    byKind: Object.fromEntries(RELATION_KINDS.map((k) => [k, figures(byKind[k])])) as Record<RelationKind, Figures>,
    effective: { right, total: scores.length, share: scores.length > 0 ? right / scores.length : 0 },
  };
}

/**
 * Reads every document of the catalog (only the labelled ones when labels are given) into a
 * temporary library, calling `onDocument` with what it keeps of each (and its score against the
 * labels); returns the figures when labels were given.
 */
export async function evaluateRelations(
  options: { catalog: string; texts: string; labels?: string },
  onDocument: (output: DocumentOutput, score: DocumentScore | null) => void,
): Promise<RelationsEvalResult | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-eval-relations-'));
  const library = await Library.open(dir);
  try {
    return await evaluateIn(library, options, onDocument);
  } finally {
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function evaluateIn(
  library: Library,
  options: { catalog: string; texts: string; labels?: string },
  onDocument: (output: DocumentOutput, score: DocumentScore | null) => void,
): Promise<RelationsEvalResult | null> {
  const numbers = readCatalog(options.catalog);
  const labels = options.labels ? new Map(readJsonl<LabelledDocument>(options.labels).map((l) => [l.slug, l])) : null;
  const scores: DocumentScore[] = [];
  const seen = new Set<string>();
  for await (const { slug, text } of readTexts(options.texts)) {
    const label = labels?.get(slug);
    if (labels && !label) continue;
    seen.add(slug);
    const output = readDocument(library, slug, text, numbers.get(slug) ?? label?.number ?? null);
    const score = label ? scoreDocument(output, label) : null;
    if (score) scores.push(score);
    onDocument(output, score);
  }
  if (!labels) return null;
  // A labelled document whose text is missing counts as read with nothing found.
  for (const [slug, label] of labels) {
    if (seen.has(slug)) continue;
    const output: DocumentOutput = { slug, number: label.number, effective: null, relations: [] };
    const score = scoreDocument(output, label);
    scores.push(score);
    onDocument(output, score);
  }
  return summarise(scores);
}
