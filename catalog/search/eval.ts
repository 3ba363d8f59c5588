/**
 * Measures search quality on a labelled set: laws in the format of
 * ../shared/corpora/legal/corpus/laws.jsonl become publications in a temporary library (each
 * law's text is its articles as "Điều N. heading" + text, so the real structure parser runs),
 * and the queries of ../shared/corpora/legal/dev/queries.jsonl are scored: article MRR@10,
 * article recall@10 and document precision@1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../library.js';
import { saveDocuments } from '../documents.js';
import type { DocumentRecord } from '../documents.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { understandQuery } from './understand.js';
import { rank } from './rank.js';

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
  relevant: { doc_id: string; article_id: string; in_corpus: boolean }[];
}

export interface EvalResult {
  n: number;
  articleMrr10: number;
  articleRecall10: number;
  docP1: number;
}

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export function lawToRecord(law: Law): DocumentRecord {
  const text = law.articles.map((a) => `Điều ${a.article_id}. ${a.heading}\n${a.text}`).join('\n').normalize('NFC');
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
  const ranked = rank(library.db, understandQuery(library.db, query).query);
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

export async function evaluateSearch(lawsFile: string, queriesFile: string): Promise<EvalResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-eval-'));
  const library = await Library.open(dir);
  try {
    saveDocuments(library.db, readJsonl<Law>(lawsFile).map(lawToRecord));
    const queries = readJsonl<LabelledQuery>(queriesFile).filter((q) => q.relevant.some((r) => r.in_corpus));
    let mrr = 0;
    let recall = 0;
    let p1 = 0;
    for (const query of queries) {
      const relevant = query.relevant.filter((r) => r.in_corpus);
      const wanted = new Set(relevant.map((r) => `${r.doc_id}#${r.article_id}`));
      const { docs, articles } = rankArticles(library, query.text);
      const first = articles.findIndex((a) => wanted.has(a));
      if (first >= 0) mrr += 1 / (first + 1);
      recall += articles.filter((a) => wanted.has(a)).length / wanted.size;
      if (docs.length && relevant.some((r) => r.doc_id === docs[0])) p1 += 1;
    }
    const n = queries.length;
    return { n, articleMrr10: mrr / n, articleRecall10: recall / n, docP1: p1 / n };
  } finally {
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
