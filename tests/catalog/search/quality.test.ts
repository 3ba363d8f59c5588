/**
 * Search quality on the labelled sets of ../shared/corpora/legal, measured together on one
 * library: the ALQAC dev set of exam-style questions (article MRR@10 ≥ 0.89, document P@1 ≥
 * 0.97; plain BM25 scores 0.762 and 0.864) and the residents' everyday questions of
 * colloquial-dev (MRR@10 ≥ 0.65, recall@10 ≥ 0.80, P@1 ≥ 0.85; plain BM25 scores 0.252, 0.417
 * and 0.450). The eval-search command itself is checked on a two-law fixture that ships with
 * the tests.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSearch } from '../../../catalog/search/eval.js';
import { PACKAGE_ROOT } from '../../../catalog/package-root.js';
import { corpus, corporaMissing } from '../../helpers/corpora.js';
import { runCli } from '../../helpers/cli.js';

const FIXTURES = path.join(PACKAGE_ROOT, 'tests', 'fixtures');

describe('bookshelf eval-search', () => {
  it('prints the figures, and with --json one JSON object as the last line', () => {
    const args = ['eval-search', '--laws', path.join(FIXTURES, 'laws-mini.jsonl'), '--queries', path.join(FIXTURES, 'queries-mini.jsonl')];
    const plain = runCli(args);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('article MRR@10');
    const json = runCli([...args, '--json']);
    const last = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    // Every answer is among the first three articles, in the right law.
    expect(last).toEqual({ n: 3, articleMrr10: expect.any(Number), articleRecall10: 1, docP1: 1 });
    expect(last.articleMrr10).toBeGreaterThanOrEqual(1 / 3);
  });

  it('with --by type, adds the figures of each style of question', () => {
    const args = ['eval-search', '--laws', path.join(FIXTURES, 'laws-mini.jsonl'), '--queries', path.join(FIXTURES, 'queries-mini.jsonl'), '--by', 'type'];
    const json = runCli([...args, '--json']);
    const last = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(last.n).toBe(3);
    expect(Object.keys(last.byType).sort()).toEqual(['plain', 'unaccented']);
    expect(last.byType.plain.n).toBe(2);
    expect(last.byType.unaccented).toEqual({ n: 1, articleMrr10: expect.any(Number), articleRecall10: 1, docP1: 1 });
    const plain = runCli(args);
    expect(plain.stdout).toContain('style unaccented');
    expect(runCli([...args.slice(0, -1), 'law']).status).toBe(2);
  });

  it('needs both files', () => {
    expect(runCli(['eval-search', '--laws', 'x.jsonl']).status).toBe(2);
  });
});

describe.skipIf(corporaMissing)('search quality on the labelled sets, measured together', () => {
  it('meets the targets on exam questions and on residents\' everyday questions', async () => {
    const dev = corpus('legal/dev/queries.jsonl');
    const colloquial = corpus('legal/colloquial-dev/queries.jsonl');
    const result = await evaluateSearch(corpus('legal/corpus/laws.jsonl'), [dev, colloquial], { byType: true });
    console.log(`eval-search: ${JSON.stringify(result)}`);
    const alqac = result.sets!['dev/queries.jsonl'];
    expect(alqac.n).toBeGreaterThan(400);
    expect(alqac.articleMrr10).toBeGreaterThanOrEqual(0.89);
    expect(alqac.docP1).toBeGreaterThanOrEqual(0.97);
    const everyday = result.sets!['colloquial-dev/queries.jsonl'];
    expect(everyday.n).toBe(60);
    expect(everyday.articleMrr10).toBeGreaterThanOrEqual(0.65);
    expect(everyday.articleRecall10).toBeGreaterThanOrEqual(0.8);
    expect(everyday.docP1).toBeGreaterThanOrEqual(0.85);
    // Every style of the everyday questions is reported, and none is left behind.
    expect(Object.keys(everyday.byType!).sort()).toEqual(['plain', 'short', 'typo', 'unaccented']);
    for (const [style, figures] of Object.entries(everyday.byType!)) expect(figures.articleRecall10, style).toBeGreaterThanOrEqual(0.6);
  }, 180_000);
});
