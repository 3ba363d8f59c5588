/**
 * Measures search quality on labelled sets: laws in the format of
 * ../shared/corpora/legal/corpus/laws.jsonl become publications in a temporary library (each
 * law's text is its articles as "Điều N. heading" + text, so the real structure parser runs),
 * and the queries of one or more sets in the format of ../shared/corpora/legal/dev/queries.jsonl
 * are scored against it: article MRR@10, article recall@10 and document precision@1 — for all
 * queries, for each set, and (when asked) for each style of question ("type": plain,
 * unaccented, typo, short).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../library.js';
import { saveDocuments } from '../documents.js';
import type { DocumentRecord } from '../documents.js';
import { articleLabel, parseStructure } from '../../shared/legal/structure.js';
import { understandQuery } from './understand.js';
import { rankAnswers } from './rank.js';

interface Law {
  doc_id: string;
  title: string;
  doc_type: string | null;
  number: string | null;
  year: number | null;
  issuer: string | null;
  articles: { article_id: string; heading: string; text: string }[];
}

interface LabelledQuery {
  qid: string;
  text: string;
  type?: string;
  relevant: { doc_id: string; article_id: string; in_corpus: boolean }[];
}

export interface EvalFigures {
  n: number;
  articleMrr10: number;
  articleRecall10: number;
  docP1: number;
}

export interface EvalSetResult extends EvalFigures {
  /** Per style of question ("type" of each query; "untyped" when it has none), when asked. */
  byType?: Record<string, EvalFigures>;
}

export interface EvalResult extends EvalSetResult {
  /** Per set ("folder/file name"), each with its styles, when several were measured. */
  sets?: Record<string, EvalSetResult>;
}

/** Sums of the three scores over some queries. */
class Tally {
  n = 0;
  mrr = 0;
  recall = 0;
  p1 = 0;

  add(score: { mrr: number; recall: number; p1: number }): void {
    this.n += 1;
    this.mrr += score.mrr;
    this.recall += score.recall;
    this.p1 += score.p1;
  }

  figures(): EvalFigures {
    const n = this.n || 1;
    return { n: this.n, articleMrr10: this.mrr / n, articleRecall10: this.recall / n, docP1: this.p1 / n };
  }
}

const tallyOf = (tallies: Map<string, Tally>, key: string) => {
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = new Tally()));
  return tally;
};

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export function lawToRecord(law: Law): DocumentRecord {
  const text = law.articles.map((a) => `${articleLabel(a.article_id)}. ${a.heading}\n${a.text}`).join('\n').normalize('NFC');
  return {
    publication: {
      id: law.doc_id,
      kind: 'legal',
      title: law.title,
      number: law.number,
      docType: law.doc_type,
      issuer: law.issuer,
      issuedDate: null,
    },
    files: [],
    text: { text, pageStarts: [0], pageCount: null },
    sections: parseStructure(text),
  };
}

/** Ranked (document, article) pairs for one query, best first. */
export function rankArticles(library: Library, query: string, limit = 10): { docs: string[]; articles: string[] } {
  const { ranked } = rankAnswers(library.db, understandQuery(library.db, query).query);
  const articleOf = library.db.prepare(`SELECT number FROM sections WHERE id = ?`).pluck();
  const passages = ranked.flatMap((d) => d.passages).sort((a, b) => b.score - a.score);
  const articles: string[] = [];
  for (const passage of passages) {
    if (passage.sectionId === null) continue;
    const key = `${passage.publicationId}#${articleOf.get(passage.sectionId) as string}`;
    if (!articles.includes(key)) articles.push(key);
    if (articles.length >= limit) break;
  }
  return { docs: ranked.map((d) => d.publicationId), articles };
}

/** How well one query is answered: reciprocal rank of its first labelled article, share of its articles in the first ten, whether the first document is right. */
function scoreQuery(library: Library, query: LabelledQuery): { mrr: number; recall: number; p1: number } {
  const relevant = query.relevant.filter((r) => r.in_corpus);
  const wanted = new Set(relevant.map((r) => `${r.doc_id}#${r.article_id}`));
  const { docs, articles } = rankArticles(library, query.text);
  const first = articles.findIndex((a) => wanted.has(a));
  return {
    mrr: first >= 0 ? 1 / (first + 1) : 0,
    recall: articles.filter((a) => wanted.has(a)).length / wanted.size,
    p1: docs.length && relevant.some((r) => r.doc_id === docs[0]) ? 1 : 0,
  };
}

export async function evaluateSearch(lawsFile: string, queriesFiles: string | string[], options: { byType?: boolean } = {}): Promise<EvalResult> {
  const files = Array.isArray(queriesFiles) ? queriesFiles : [queriesFiles];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-eval-'));
  const library = await Library.open(dir);
  try {
    saveDocuments(library.db, readJsonl<Law>(lawsFile).map(lawToRecord));
    const all = new Tally();
    const allTypes = new Map<string, Tally>();
    const sets = new Map<string, { tally: Tally; types: Map<string, Tally> }>();
    const withTypes = (tally: Tally, types: Map<string, Tally>): EvalSetResult => ({
      ...tally.figures(),
      ...(options.byType && { byType: Object.fromEntries([...types].map(([name, t]) => [name, t.figures()])) }),
    });
    for (const file of files) {
      const set = { tally: new Tally(), types: new Map<string, Tally>() };
      sets.set(`${path.basename(path.dirname(file))}/${path.basename(file)}`, set);
      for (const query of readJsonl<LabelledQuery>(file).filter((q) => q.relevant.some((r) => r.in_corpus))) {
        const score = scoreQuery(library, query);
        for (const [tally, types] of [[all, allTypes], [set.tally, set.types]] as const) {
          tally.add(score);
          tallyOf(types, query.type ?? 'untyped').add(score);
        }
      }
    }
    return {
      ...withTypes(all, allTypes),
      ...(files.length > 1 && { sets: Object.fromEntries([...sets].map(([name, set]) => [name, withTypes(set.tally, set.types)])) }),
    };
  } finally {
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
