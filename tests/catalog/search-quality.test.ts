/**
 * Search quality on the labelled ALQAC dev set (../shared/corpora/legal): the targets,
 * article MRR@10 ≥ 0.85 and document precision@1 ≥ 0.93 (plain BM25 scores 0.762 and 0.864).
 * The eval-search command itself is checked on a two-law fixture that ships with the tests.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSearch } from '../../catalog/search/eval.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { corpus, corporaMissing } from '../helpers/corpora.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'bookshelf.mjs');
const FIXTURES = path.join(PACKAGE_ROOT, 'tests', 'fixtures');

describe('bookshelf eval-search', () => {
  it('prints the figures, and with --json one JSON object as the last line', () => {
    const args = [BIN, 'eval-search', '--laws', path.join(FIXTURES, 'laws-mini.jsonl'), '--queries', path.join(FIXTURES, 'queries-mini.jsonl')];
    const plain = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('article MRR@10');
    const json = spawnSync(process.execPath, [...args, '--json'], { encoding: 'utf8', timeout: 60_000 });
    const last = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    // Every answer is among the first three articles, in the right law.
    expect(last).toEqual({ n: 3, articleMrr10: expect.any(Number), articleRecall10: 1, docP1: 1 });
    expect(last.articleMrr10).toBeGreaterThanOrEqual(1 / 3);
  });

  it('needs both files', () => {
    expect(spawnSync(process.execPath, [BIN, 'eval-search', '--laws', 'x.jsonl'], { encoding: 'utf8' }).status).toBe(2);
  });
});

describe.skipIf(corporaMissing)('search quality on the ALQAC dev set', () => {
  it('meets the targets: article MRR@10 ≥ 0.85, document precision@1 ≥ 0.93', async () => {
    const result = await evaluateSearch(corpus('legal/corpus/laws.jsonl'), corpus('legal/dev/queries.jsonl'));
    console.log(`ALQAC dev: ${JSON.stringify(result)}`);
    expect(result.n).toBeGreaterThan(400);
    expect(result.articleMrr10).toBeGreaterThanOrEqual(0.85);
    expect(result.docP1).toBeGreaterThanOrEqual(0.93);
  }, 120_000);
});
