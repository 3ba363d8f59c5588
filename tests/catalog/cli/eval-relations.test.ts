/**
 * `bookshelf eval-relations`: relations between documents and effective dates read from the
 * texts of a catalog, printed one JSON line per document, and measured against labels. The
 * figures are checked to be computed (on a three-document catalog made here, whose right and
 * wrong answers are known), then measured on relations-dev of ../shared/corpora/legal, where the
 * targets of issue 15 hold: precision ≥ 0.95, recall ≥ 0.90, effective dates ≥ 0.95 right.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { corpus, corpusMissing } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';

const KINDS = ['replaces', 'repeals', 'amends', 'guides', 'consolidates'];
const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean);

function expectDocumentLine(line: string): { slug: string; relations: { kind: string; target: string | null; scope: string }[] } {
  const doc = JSON.parse(line);
  expect(Object.keys(doc).slice(0, 4)).toEqual(['slug', 'number', 'effective', 'relations']);
  expect(typeof doc.slug).toBe('string');
  expect(doc.effective === null || /^\d{4}-\d{2}-\d{2}$/.test(doc.effective)).toBe(true);
  for (const r of doc.relations) {
    expect(KINDS).toContain(r.kind);
    expect(['whole', 'part']).toContain(r.scope);
    expect(r.target === null || typeof r.target === 'string').toBe(true);
  }
  return doc;
}

/** A catalog of three documents (sentences from the gazette texts), with labels one of which the extractor cannot meet. */
function smallCatalog(): { catalog: string; texts: string; labels: string } {
  const dir = tempDir('bookshelf-relations-');
  const header = (number: string, type: string, title: string) =>
    `BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: ${number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 01 năm 2025\n${type}\n${title}\n`;
  const docs = [
    {
      slug: 'thong-tu-a',
      number: '01/2025/TT-BLĐTBXH',
      full_text:
        header('01/2025/TT-BLĐTBXH', 'THÔNG TƯ', 'Quy định mức điều chỉnh tiền lương') +
        'Điều 4. Điều khoản thi hành\n1. Thông tư này có hiệu lực thi hành kể từ ngày 28 tháng 02 năm 2025.\n' +
        '2. Thông tư số 20/2023/TT-BLĐTBXH ngày 29 tháng 12 năm 2023 hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.\n',
    },
    {
      slug: 'thong-tu-b',
      number: '09/2021/TT-BLĐTBXH',
      full_text:
        header('09/2021/TT-BLĐTBXH', 'THÔNG TƯ', 'Sửa đổi, bổ sung một số điều của Thông tư số 08/2020/TT-BLĐTBXH ngày 15/10/2020') +
        'Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 08/2020/TT-BLĐTBXH\n3. Bãi bỏ các điều 5 và 6.\n' +
        'Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành từ ngày 01 tháng 11 năm 2021.\n',
    },
    { slug: 'not-labelled', number: null, full_text: header('02/2026/TT-BTC', 'THÔNG TƯ', 'Bãi bỏ Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT') },
  ];
  const catalog = path.join(dir, 'metadata.jsonl');
  const texts = path.join(dir, 'fulltext.jsonl.gz');
  const labels = path.join(dir, 'labels.jsonl');
  fs.writeFileSync(catalog, docs.map((d) => JSON.stringify({ slug: d.slug, parsed: { number: d.number } })).join('\n'));
  fs.writeFileSync(texts, zlib.gzipSync(docs.map((d) => JSON.stringify({ slug: d.slug, full_text: d.full_text })).join('\n')));
  const label = (kind: string, target: string | null, scope: string) => ({ kind, target, target_title: null, scope, evidence: '' });
  fs.writeFileSync(
    labels,
    [
      // Right: the replaced circular and the effective date.
      { slug: 'thong-tu-a', number: '01/2025/TT-BLĐTBXH', effective: '2025-02-28', relations: [label('replaces', '20/2023/TT-BLĐTBXH', 'whole')] },
      // The repeal is right, the amendment right; a "guides" the text does not state is missed; the date is wrong on purpose.
      {
        slug: 'thong-tu-b',
        number: '09/2021/TT-BLĐTBXH',
        effective: '2021-12-01',
        relations: [label('amends', '08/2020/TT-BLĐTBXH', 'part'), label('repeals', '08/2020/TT-BLĐTBXH', 'part'), label('guides', '99/2020/TT-BLĐTBXH', 'part')],
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n'),
  );
  return { catalog, texts, labels };
}

describe('bookshelf eval-relations', () => {
  it('prints one JSON line per document of the catalog', () => {
    const { catalog, texts } = smallCatalog();
    const run = runCli(['eval-relations', '--catalog', catalog, '--texts', texts]);
    expect(run.status).toBe(0);
    const docs = lines(run.stdout).map(expectDocumentLine);
    expect(docs.map((d) => d.slug)).toEqual(['thong-tu-a', 'thong-tu-b', 'not-labelled']);
    expect(docs[0]).toEqual({ slug: 'thong-tu-a', number: '01/2025/TT-BLĐTBXH', effective: '2025-02-28', relations: [{ kind: 'replaces', target: '20/2023/TT-BLĐTBXH', scope: 'whole' }] });
    expect(docs[2].relations).toEqual([{ kind: 'repeals', target: '72/2011/TTLT-BTC-BGTVT', scope: 'whole' }]);
  });

  it('with --labels, measures the labelled documents only and ends with the figures as JSON', () => {
    const { catalog, texts, labels } = smallCatalog();
    const run = runCli(['eval-relations', '--catalog', catalog, '--texts', texts, '--labels', labels]);
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    const figures = JSON.parse(out.at(-1)!);
    expect(out.filter((l) => l.startsWith('{"slug"')).map((l) => JSON.parse(l).slug)).toEqual(['thong-tu-a', 'thong-tu-b']);
    expect(run.stdout).toMatch(/precision: 1\.000/);
    // 3 right, none extra, 1 missed; 1 date of 2 right.
    expect(figures.documents).toBe(2);
    expect(figures.relations).toEqual({ right: 3, extra: 0, missed: 1, precision: 1, recall: 0.75, f1: expect.closeTo(6 / 7, 6) });
    expect(figures.byKind.guides).toMatchObject({ right: 0, missed: 1, recall: 0 });
    expect(figures.byKind.repeals).toMatchObject({ right: 1, extra: 0, missed: 0 });
    expect(figures.effective).toEqual({ right: 1, total: 2, share: 0.5 });
    const wrong = JSON.parse(out.find((l) => l.includes('"thong-tu-b"'))!).wrong;
    expect(wrong).toEqual({ missed: [{ kind: 'guides', target: '99/2020/TT-BLĐTBXH', scope: 'part' }], expectedEffective: '2021-12-01' });
    // --json leaves out the worded figures: only JSON lines.
    const json = runCli(['eval-relations', '--catalog', catalog, '--texts', texts, '--labels', labels, '--json']);
    for (const line of lines(json.stdout)) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(lines(json.stdout).at(-1)!)).toEqual(figures);
  });

  it('needs the catalog and its texts, and says so in its help', () => {
    expect(runCli(['eval-relations', '--catalog', 'metadata.jsonl']).status).toBe(2);
    const help = runCli(['--help']);
    expect(help.stdout).toContain('eval-relations');
    expect(help.stdout).toContain('--labels FILE');
  });
});

describe.skipIf(corpusMissing('legal/relations-dev'))('relations read from the gazette catalog', () => {
  const catalog = corpus('legal/catalog/metadata.jsonl');
  const texts = corpus('legal/catalog/fulltext.jsonl.gz');

  it('meets the targets of issue 15 on relations-dev', () => {
    const run = runCli(['eval-relations', '--catalog', catalog, '--texts', texts, '--labels', corpus('legal/relations-dev/labels.jsonl'), '--json'], { timeoutMs: 180_000 });
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    const figures = JSON.parse(out.at(-1)!);
    console.log(`eval-relations (relations-dev): ${JSON.stringify(figures)}`);
    expect(out.slice(0, -1).map(expectDocumentLine)).toHaveLength(30);
    expect(figures.documents).toBe(30);
    // The figures add up: per kind to the whole, and precision and recall from the counts.
    const sum = (key: 'right' | 'extra' | 'missed') => KINDS.reduce((n, k) => n + figures.byKind[k][key], 0);
    expect([sum('right'), sum('extra'), sum('missed')]).toEqual([figures.relations.right, figures.relations.extra, figures.relations.missed]);
    expect(figures.relations.precision).toBeCloseTo(figures.relations.right / (figures.relations.right + figures.relations.extra), 10);
    expect(figures.relations.recall).toBeCloseTo(figures.relations.right / (figures.relations.right + figures.relations.missed), 10);
    expect(figures.relations.precision).toBeGreaterThanOrEqual(0.95);
    expect(figures.relations.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.effective.share).toBeGreaterThanOrEqual(0.95);
  }, 200_000);

  it('reads every document of the catalog, each line in the shape the issue gives', () => {
    const run = runCli(['eval-relations', '--catalog', catalog, '--texts', texts], { timeoutMs: 180_000 });
    expect(run.status).toBe(0);
    const docs = lines(run.stdout).map(expectDocumentLine);
    expect(docs.length).toBe(fs.readFileSync(catalog, 'utf8').trim().split('\n').length);
    // A consolidated text consolidates and states nothing else.
    for (const d of docs.filter((x) => x.relations.some((r) => r.kind === 'consolidates'))) {
      expect(d.relations.every((r) => r.kind === 'consolidates')).toBe(true);
    }
  }, 200_000);
});
