/**
 * `bookshelf eval-relations` (measure how relations between documents and effective dates are
 * read from legal texts): one JSON line per document; with labels, the figures after them, the
 * last line one JSON object.
 */
import { RELATION_KINDS } from '../../shared/legal/relations.js';
import { bilingual } from '../../shared/messages.js';
import { evaluateRelations, readJsonl } from '../relations/eval.js';
import type { DocumentOutput, DocumentScore, Figures } from '../relations/eval.js';
import { helpSection, labelled } from './words.js';

export const EVAL_RELATIONS_HELP = helpSection('eval-relations', [
  ['--catalog FILE', 'cli.help.evalRelations.catalog'],
  ['--texts FILE', 'cli.help.evalRelations.texts'],
  ['--labels FILE', 'cli.help.evalRelations.labels'],
  ['--json', 'cli.help.evalRelations.json'],
]);

const fixed = (n: number) => n.toFixed(3);

/** "precision 0.981 · recall 1.000 · F1 0.990 (51/52)". */
function figureLine(f: Figures): string {
  return [
    labelled('cli.evalRelations.precision', fixed(f.precision)),
    labelled('cli.evalRelations.recall', fixed(f.recall)),
    `F1: ${fixed(f.f1)} (${f.right}/${f.right + f.missed})`,
  ].join(' · ');
}

/** A document's line: what was read; with labels, what was missed or found in excess, and the expected date when it differs. */
function documentLine(output: DocumentOutput, score: DocumentScore | null, expectedEffective: string | null | undefined): string {
  if (!score) return JSON.stringify(output);
  const wrong = {
    ...(score.missed.length > 0 && { missed: score.missed.map((r) => ({ kind: r.kind, target: r.target, scope: r.scope })) }),
    ...(score.extra.length > 0 && { extra: score.extra }),
    ...(!score.effectiveRight && { expectedEffective }),
  };
  return JSON.stringify(Object.keys(wrong).length > 0 ? { ...output, wrong } : output);
}

export async function runEvalRelations(args: { catalog: string; texts: string; labels?: string; json: boolean }): Promise<number> {
  const expected = new Map<string, string | null>();
  if (args.labels) for (const l of readJsonl<{ slug: string; effective: string | null }>(args.labels)) expected.set(l.slug, l.effective);
  const result = await evaluateRelations(args, (output, score) => {
    process.stdout.write(`${documentLine(output, score, expected.get(output.slug))}\n`);
  });
  if (!result) return 0;
  if (!args.json) {
    const lines = [
      '',
      labelled('cli.evalRelations.documents', result.documents),
      `${bilingual({ key: 'cli.evalRelations.relations' })}: ${figureLine(result.relations)}`,
      ...RELATION_KINDS.map((kind) => `  ${kind}: ${figureLine(result.byKind[kind])}`),
      labelled('cli.evalRelations.effective', `${fixed(result.effective.share)} (${result.effective.right}/${result.effective.total})`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
