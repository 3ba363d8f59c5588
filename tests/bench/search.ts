/**
 * Search benchmark on a generated library: 100,000 publications' metadata and 10,000 full
 * texts with the sizes of the real gazette texts (../shared/corpora/legal/catalog: mean ~70 KB,
 * median ~42 KB, a tail to 1.2 MB), made of real articles of Vietnamese laws
 * (../shared/corpora/legal/corpus), renumbered and shuffled. 500 mixed queries run through the engine and, for the baseline, as
 * bare FTS5 statements on the same data in the same run; for the same queries and residents' own
 * questions (colloquial-dev, with and without marks), what query understanding adds to a search
 * against ranking the same query without the words it added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { openDatabase } from '../../catalog/db/open.js';
import { refreshSearchModels } from '../../catalog/search/refresh-models.js';
import { saveDocuments } from '../../catalog/documents.js';
import type { DocumentRecord } from '../../catalog/documents.js';
import { search } from '../../catalog/search/search.js';
import { suggest } from '../../catalog/search/suggest.js';
import { understandQuery } from '../../catalog/search/understand.js';
import { rankAnswers } from '../../catalog/search/rank.js';
import { parseStructure } from '../../shared/legal/structure.js';
import { vnFold } from '../../shared/text.js';
import { indexForms } from '../../shared/search/tokens.js';

export interface SearchBenchOptions {
  corpora: string;
  metadataCount: number;
  fullTextCount: number;
  queryCount: number;
}

/** The characters of each real gazette text (metadata's full_text_chars), the sizes generated texts take. */
export function gazetteTextSizes(corpora: string): number[] {
  return fs
    .readFileSync(path.join(corpora, 'legal/catalog/metadata.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { full_text_chars?: number }).full_text_chars ?? 0)
    .filter((chars) => chars > 0);
}

interface Article {
  heading: string;
  text: string;
}

/** A small deterministic generator, so every run builds the same library. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TYPES = [
  ['Nghị định', 'NĐ-CP', 'Chính phủ'],
  ['Thông tư', 'TT-BTC', 'Bộ Tài chính'],
  ['Thông tư', 'TT-BLĐTBXH', 'Bộ Lao động - Thương binh và Xã hội'],
  ['Quyết định', 'QĐ-TTg', 'Thủ tướng Chính phủ'],
  ['Quyết định', 'QĐ-UBND', 'Ủy ban nhân dân tỉnh'],
  ['Nghị quyết', 'NQ-HĐND', 'Hội đồng nhân dân tỉnh'],
  ['Luật', 'QH15', 'Quốc hội'],
] as const;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export interface BenchLibrary {
  dir: string;
  publications: number;
  fullTexts: number;
  buildSeconds: number;
  databaseMB: number;
  fullTextQueries: string[];
  typeaheadQueries: string[];
  residentQueries: string[];
}

/** Builds the generated library in `dir` and the query mix; writes bench-queries.json beside it. */
export async function buildBenchLibrary(dir: string, options: SearchBenchOptions): Promise<BenchLibrary> {
  const rand = random(20261129);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const articles = fs
    .readFileSync(path.join(options.corpora, 'legal/corpus/articles.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Article);
  const laws = fs
    .readFileSync(path.join(options.corpora, 'legal/corpus/laws.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { title: string }).title);
  const questions = fs
    .readFileSync(path.join(options.corpora, 'legal/dev/queries.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);

  // Residents' questions as they type them (everyday words, no marks, typos), for query understanding.
  const residents = fs
    .readFileSync(path.join(options.corpora, 'legal/colloquial-dev/queries.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);

  const sizes = gazetteTextSizes(options.corpora);
  const library = await Library.open(dir);
  const numbers: string[] = [];
  const titles: string[] = [];
  const buildStart = performance.now();
  let batch: DocumentRecord[] = [];
  for (let i = 0; i < options.metadataCount; i += 1) {
    const [docType, suffix, issuer] = pick(TYPES);
    const year = 1995 + Math.floor(rand() * 31);
    const number = suffix === 'QH15' ? `${i % 200}/${year}/${suffix}` : `${i + 1}/${year}/${suffix}`;
    const subject = pick(articles).heading.toLowerCase();
    const title = `${docType} ${docType === 'Luật' ? pick(laws).replace(/^Luật /, '') : `quy định về ${subject}`}`;
    numbers.push(number);
    titles.push(title);
    let text: DocumentRecord['text'];
    let sections: DocumentRecord['sections'];
    if (i < options.fullTextCount) {
      const parts: string[] = [`${title.toUpperCase()}\n`];
      const target = pick(sizes);
      let size = 0;
      for (let n = 1; size < target; n += 1) {
        const article = pick(articles);
        const part = `Điều ${n}. ${article.heading}\n${article.text.slice(article.heading.length).trim()}\n`;
        parts.push(part);
        size += part.length;
      }
      const body = parts.join('');
      text = { text: body, pageStarts: [0], pageCount: null };
      sections = parseStructure(body);
    }
    batch.push({
      publication: { id: `bench-${i}`, kind: 'legal', title, number, docType, issuer, issuedDate: `${year}-0${1 + (i % 9)}-1${i % 10}`, fields: [pick(['Đất đai', 'Lao động', 'Thuế', 'Giao thông', 'Hôn nhân và gia đình'])] },
      files: [],
      text,
      sections,
    });
    if (batch.length === 500) {
      saveDocuments(library.db, batch);
      batch = [];
    }
  }
  saveDocuments(library.db, batch);
  // What the read pool has a writer count when readers find it stale: counted once here.
  refreshSearchModels(library.db);
  library.db.pragma('wal_checkpoint(TRUNCATE)');
  const buildMs = performance.now() - buildStart;
  const dbBytes = fs.statSync(path.join(dir, 'catalog.sqlite')).size;

  // 500 mixed queries: questions (accented and not), numbers (full, unaccented, partial), phrases, prefixes.
  const fullText: string[] = [];
  const prefixes: string[] = [];
  for (let i = 0; fullText.length < options.queryCount; i += 1) {
    const question = pick(questions);
    const number = pick(numbers);
    const article = pick(articles).text.split(/\s+/);
    const at = Math.floor(rand() * Math.max(1, article.length - 4));
    const kinds = [
      question,
      vnFold(question),
      number,
      vnFold(number).toLowerCase(),
      number.split('/').slice(0, 2).join('/'),
      article.slice(at, at + 3).join(' '),
      `"${article.slice(at, at + 4).join(' ')}"`,
      vnFold(article.slice(at, at + 2).join(' ')),
    ];
    fullText.push(kinds[i % kinds.length]);
    const title = pick(titles).split(' ');
    const typed = title.slice(0, 1 + (i % 3)).join(' ');
    prefixes.push(i % 4 === 3 ? number.slice(0, 1 + (i % 5)) : typed.slice(0, typed.length - (i % 2)));
  }

  library.close();
  const built: BenchLibrary = {
    dir,
    publications: options.metadataCount,
    fullTexts: options.fullTextCount,
    buildSeconds: buildMs / 1000,
    databaseMB: dbBytes / 1024 / 1024,
    fullTextQueries: fullText,
    typeaheadQueries: prefixes,
    residentQueries: [...residents, ...residents.map(vnFold)],
  };
  fs.writeFileSync(path.join(dir, 'bench-queries.json'), JSON.stringify(built));
  return built;
}

const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Runs the query mix through the engine (over a read-only connection, as the read pool does) and as bare FTS5 statements; call in a fresh process. */
export async function measureQueries(dir: string) {
  const { fullTextQueries, typeaheadQueries, residentQueries } = JSON.parse(fs.readFileSync(path.join(dir, 'bench-queries.json'), 'utf8')) as BenchLibrary;
  // A read-only connection, as the read pool's workers have.
  const library = { db: openDatabase(path.join(dir, 'catalog.sqlite'), { readonly: true }), close() { this.db.close(); } };
  // Warm the page cache once, as a kiosk that has been running would be.
  for (const q of fullTextQueries.slice(0, 20)) search(library.db, { q, offset: 0, limit: 20 });
  const engineSearch = fullTextQueries.map((q) => time(() => search(library.db, { q, offset: 0, limit: 20 })));
  const engineSuggest = typeaheadQueries.map((q) => time(() => suggest(library.db, q, 8)));
  const bareSearch = library.db.prepare('SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? ORDER BY rank LIMIT 20');
  const bareSuggest = library.db.prepare('SELECT rowid FROM meta_fts WHERE meta_fts MATCH ? LIMIT 8');
  const bareFullText = fullTextQueries.map((q) => {
    const words = indexForms(q).words.split(' ').filter(Boolean);
    // All the query's syllables (FTS5 AND), ranked: what a plain full-text engine answers.
    return words.length ? time(() => bareSearch.all(words.map((w) => `"${w}"`).join(' AND '))) : 0;
  });
  const bareTypeahead = typeaheadQueries.map((q) => {
    const words = indexForms(q).words.split(' ').filter(Boolean);
    return words.length ? time(() => bareSuggest.all(`"${words.join(' ')}" *`)) : 0;
  });
  // Query understanding (marks restored, typos corrected, thesaurus words added), per query: the
  // step itself plus what its added words cost the ranking, against ranking the same query without them.
  const understandingQueries = [...fullTextQueries, ...residentQueries];
  const steps: number[] = [];
  const added: number[] = [];
  const understoodTotal: number[] = [];
  const withoutAdded: number[] = [];
  const residentSearch: number[] = [];
  for (const [i, q] of understandingQueries.entries()) {
    let understood!: ReturnType<typeof understandQuery>;
    const step = time(() => (understood = understandQuery(library.db, q)));
    const without = { ...understood.query, expansions: [] };
    // Both once untimed first: whichever ran first would otherwise pay for reading the pages both need.
    rankAnswers(library.db, understood.query);
    rankAnswers(library.db, without);
    const ranked = time(() => rankAnswers(library.db, understood.query));
    const bare = time(() => rankAnswers(library.db, without));
    steps.push(step);
    added.push(step + ranked - bare);
    understoodTotal.push(step + ranked);
    withoutAdded.push(bare);
    if (i >= fullTextQueries.length) residentSearch.push(time(() => search(library.db, { q, offset: 0, limit: 20 })));
  }
  library.close();
  return {
    queries: fullTextQueries.length,
    understandingQueries: understandingQueries.length,
    understandingStepP50: percentile(steps, 0.5),
    understandingStepP95: percentile(steps, 0.95),
    understandingP50: percentile(added, 0.5),
    understandingP95: percentile(added, 0.95),
    understoodP50: percentile(understoodTotal, 0.5),
    understoodP95: percentile(understoodTotal, 0.95),
    rankingP50: percentile(withoutAdded, 0.5),
    rankingP95: percentile(withoutAdded, 0.95),
    residentsP50: percentile(residentSearch, 0.5),
    residentsP95: percentile(residentSearch, 0.95),
    fullTextP50: percentile(engineSearch, 0.5),
    fullTextP95: percentile(engineSearch, 0.95),
    fullTextBareP50: percentile(bareFullText, 0.5),
    fullTextBareP95: percentile(bareFullText, 0.95),
    typeaheadP50: percentile(engineSuggest, 0.5),
    typeaheadP95: percentile(engineSuggest, 0.95),
    typeaheadBareP50: percentile(bareTypeahead, 0.5),
    typeaheadBareP95: percentile(bareTypeahead, 0.95),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}
