/**
 * `bookshelf search` (search a library from the terminal) and `bookshelf eval-search`
 * (measure search quality on a labelled set).
 */
import { Library } from '../library.js';
import { search } from '../search/search.js';
import type { SearchFilters } from '../search/filters.js';
import { evaluateSearch } from '../search/eval.js';
import type { EvalFigures, EvalSetResult } from '../search/eval.js';
import type { SearchHit } from '../../shared/search/results.js';
import { terminalSafe } from '../../shared/text.js';
import { bilingual } from '../../shared/messages.js';
import { labelled } from './words.js';

export interface SearchArgs {
  libraryDir: string;
  query: string;
  limit: number;
  json: boolean;
  filters: SearchFilters;
}

/** Marks highlighted ranges: bold on a terminal, «…» in a pipe. */
function mark(raw: string, ranges: [number, number][], tty: boolean): string {
  const text = terminalSafe(raw);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + (tty ? `\x1b[1m${text.slice(start, end)}\x1b[22m` : `«${text.slice(start, end)}»`);
    at = end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}

function describe(hit: SearchHit, index: number, tty: boolean): string {
  const p = hit.publication;
  const facts = terminalSafe([p.number, p.docType, p.issuer, p.issuedDate].filter(Boolean).join(' · '));
  const lines = [`${index}. ${mark(p.title, hit.titleHighlights, tty)}`, `   ${facts}`];
  for (const passage of hit.hits) {
    const where = terminalSafe(
      [passage.label && `${passage.label}${passage.heading ? `. ${passage.heading}` : ''}`, passage.page && bilingual({ key: 'cli.search.page', params: { page: passage.page } })].filter(Boolean).join(' — '),
    );
    if (where) lines.push(`   ▸ ${where}`);
    lines.push(`     ${mark(passage.snippet, passage.highlights, tty)}`);
  }
  return lines.join('\n');
}

export async function runSearch(args: SearchArgs): Promise<number> {
  const library = await Library.open(args.libraryDir);
  try {
    const result = search(library.db, { q: args.query, offset: 0, limit: args.limit, filters: args.filters, facets: args.json });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    if (!result.items.length) {
      process.stdout.write(`${bilingual({ key: 'cli.search.noResults' })} "${args.query}"\n`);
      return 0;
    }
    const tty = Boolean(process.stdout.isTTY);
    process.stdout.write(`${result.total} ${bilingual({ key: 'cli.unit.results' })}\n\n${result.items.map((hit, i) => describe(hit, i + 1, tty)).join('\n\n')}\n`);
    return 0;
  } finally {
    library.close();
  }
}

const figureLines = (f: EvalFigures, indent = '') => [
  `${indent}${labelled('cli.eval.queries', f.n)}`,
  `${indent}${labelled('cli.eval.articleMrr', f.articleMrr10.toFixed(3))}`,
  `${indent}${labelled('cli.eval.articleRecall', f.articleRecall10.toFixed(3))}`,
  `${indent}${labelled('cli.eval.documentPrecision', f.docP1.toFixed(3))}`,
];

export async function runEvalSearch(args: { laws: string; queries: string[]; byType: boolean; json: boolean }): Promise<number> {
  const result = await evaluateSearch(args.laws, args.queries, { byType: args.byType });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const lines = figureLines(result);
  const styles = (set: EvalSetResult, indent: string) => {
    for (const [name, figures] of Object.entries(set.byType ?? {})) lines.push('', `${indent}${bilingual({ key: 'cli.eval.style' })} ${name}:`, ...figureLines(figures, `${indent}  `));
  };
  if (result.sets) {
    for (const [name, set] of Object.entries(result.sets)) {
      lines.push('', `${bilingual({ key: 'cli.eval.set' })} ${name}:`, ...figureLines(set, '  '));
      styles(set, '  ');
    }
  } else styles(result, '');
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
