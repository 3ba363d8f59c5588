/**
 * `bookshelf keep [--fields a,b] [--types x,y] [--kinds k] [--budget 2GB|500MB|none] [--all]`:
 * what this station keeps of the national catalog's files (selective sync, catalog/sync/selection.ts).
 * Flags change only what they name (`--all` first resets everything to "keep all"); the policy is
 * saved and applied at once, and a bilingual summary printed. With no flag, prints the current
 * policy and what it keeps. Metadata is always complete whatever is chosen.
 */
import { Library } from '../library.js';
import { UsageError, notOneOf } from './usage.js';
import { helpSection, labelled } from './words.js';
import { LANGUAGES, bilingual, say } from '../../shared/messages.js';
import { KEEP_EVERYTHING } from '../../shared/sync.js';
import type { SyncSelection } from '../../shared/sync.js';
import { PUBLICATION_KINDS } from '../../shared/domain.js';
import type { PublicationKind } from '../../shared/domain.js';
import { countPublications } from '../publications.js';
import { readSelection, saveSelection, selectionCounts, unmatchedChoices } from '../sync/selection.js';
import type { SelectionSummary } from '../sync/selection.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export const KEEP_HELP = helpSection('keep', [
  ['', 'cli.help.keep.about'],
  ['--fields A,B', 'cli.help.keep.fields'],
  ['--types X,Y', 'cli.help.keep.types'],
  ['--kinds K', 'cli.help.keep.kinds', { kinds: PUBLICATION_KINDS.join(', ') }],
  ['--budget N', 'cli.help.keep.budget'],
  ['--all', 'cli.help.keep.all'],
  ['', 'cli.help.keep.noOption'],
]);

export interface KeepFlags {
  libraryDir: string;
  all?: boolean;
  fields?: string[];
  types?: string[];
  kinds?: PublicationKind[];
  /** Bytes, or null for no budget. */
  budget?: number | null;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** The word for no budget, in either language (none, or its Vietnamese). */
const NO_BUDGET = new Set(LANGUAGES.map((lang) => say(lang, { key: 'cli.keep.noBudget' })));

/** "2GB" → 2 × 1024³ bytes, "500 MB", "1.5gb", "1000000" (bytes); "none" → null. */
export function parseBudget(value: string): number | null {
  if (NO_BUDGET.has(value.trim().toLowerCase())) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?b)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--budget: "${value}" ${bilingual({ key: 'cli.keep.notSize' })}`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}

/** "a, b" → ["a", "b"]; an empty list is a usage error. */
export function parseList(name: string, value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${name}: ${bilingual({ key: 'cli.usage.needsValue' })}`);
  return items;
}

export function parseKinds(name: string, value: string): PublicationKind[] {
  const kinds = parseList(name, value);
  for (const kind of kinds) {
    if (!(PUBLICATION_KINDS as readonly string[]).includes(kind)) throw notOneOf(`--${name}`, kind, PUBLICATION_KINDS);
  }
  return kinds as PublicationKind[];
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function describePolicy(selection: SyncSelection): string[] {
  const all = bilingual({ key: 'cli.keep.all' });
  return [
    `${bilingual({ key: 'cli.keep.selection' })}:`,
    `  ${labelled('cli.keep.fields', selection.fields?.join(', ') ?? all)}`,
    `  ${labelled('cli.keep.docTypes', selection.docTypes?.join(', ') ?? all)}`,
    `  ${labelled('cli.keep.kinds', selection.kinds?.join(', ') ?? all)}`,
    `  ${labelled('cli.keep.budget', selection.maxBytes === null ? bilingual({ key: 'cli.keep.unlimited' }) : `${formatBytes(selection.maxBytes)} (${selection.maxBytes} bytes)`)}`,
  ];
}

export async function runKeep(flags: KeepFlags, write: Write = stdout): Promise<number> {
  const library = await Library.open(flags.libraryDir);
  try {
    const changing = flags.all === true || flags.fields !== undefined || flags.types !== undefined || flags.kinds !== undefined || flags.budget !== undefined;
    const current = flags.all ? KEEP_EVERYTHING : readSelection(library);
    const selection: SyncSelection = {
      fields: flags.fields ?? current.fields,
      docTypes: flags.types ?? current.docTypes,
      kinds: flags.kinds ?? current.kinds,
      maxBytes: flags.budget === undefined ? current.maxBytes : flags.budget,
    };
    const summary: SelectionSummary | null = changing ? await saveSelection(library, selection) : null;
    const counts = summary ?? selectionCounts(library);
    const publications = countPublications(library.db);
    const files = bilingual({ key: 'cli.unit.files' });
    const lines = [
      ...describePolicy(selection),
      labelled('cli.keep.catalogComplete', `${publications} ${bilingual({ key: 'cli.unit.publications' })}`),
      `${labelled('cli.keep.kept', `${counts.keptFiles} ${files} (${formatBytes(counts.keptBytes)})`)}; ${labelled('cli.keep.present', `${counts.presentFiles} (${formatBytes(counts.presentBytes)})`)}`,
      labelled('cli.keep.notKept', `${counts.excludedFiles} ${files} (${formatBytes(counts.excludedBytes)})`),
    ];
    if (summary) {
      lines.push(`${labelled('cli.keep.removed', `${summary.removedFiles} ${files}`)}, ${bilingual({ key: 'cli.keep.freed' })} ${formatBytes(summary.freedBytes)}`);
    }
    const unmatched = publications > 0 ? unmatchedChoices(library, selection) : { fields: [], docTypes: [] };
    if (unmatched.fields.length > 0) lines.push(labelled('cli.keep.noSuchField', unmatched.fields.join(', ')));
    if (unmatched.docTypes.length > 0) lines.push(labelled('cli.keep.noSuchDocType', unmatched.docTypes.join(', ')));
    write(lines.join('\n') + '\n');
    return 0;
  } finally {
    library.close();
  }
}
