/**
 * `bookshelf export-bundle --to <folder> [--source <location>] [--filter fields=a,b;types=x;kinds=k]`:
 * writes the feed this station verified (the hub's signatures) and the files it holds as a folder
 * another station syncs from (catalog/sync/bundle.ts). With --filter, only the files of the
 * publications it matches are copied (the selective-sync matcher); the catalog is always whole.
 */
import path from 'node:path';
import { Library } from '../library.js';
import { BundleError, exportBundle } from '../sync/bundle.js';
import type { BundleFilter } from '../sync/bundle.js';
import { UsageError } from './usage.js';
import { formatBytes, parseKinds, parseList } from './keep.js';
import { labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export interface ExportBundleFlags {
  libraryDir: string;
  to: string;
  source?: string;
  filter?: BundleFilter;
}

const FILTER_SYNTAX = '--filter "fields=A,B;types=X,Y;kinds=K"';

function filterError(problem: string): UsageError {
  return new UsageError(`--filter: ${problem}. ${labelled('cli.usage.syntax', FILTER_SYNTAX)}`);
}

/**
 * "fields=Đất đai,Thuế;types=Luật;kinds=legal" → a filter. Parts are separated by ';', values by
 * ','; each of fields, types, kinds at most once; a part left out does not restrict.
 */
export function parseBundleFilter(text: string): BundleFilter {
  const filter: BundleFilter = { fields: null, docTypes: null, kinds: null };
  const seen = new Set<string>();
  for (const part of text.split(';').map((item) => item.trim()).filter(Boolean)) {
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals).trim().toLowerCase();
    const value = equals < 0 ? '' : part.slice(equals + 1);
    if (seen.has(key)) throw filterError(`"${key}" ${bilingual({ key: 'cli.bundle.givenTwice' })}`);
    seen.add(key);
    if (key === 'fields') filter.fields = parseList('filter fields', value);
    else if (key === 'types') filter.docTypes = parseList('filter types', value);
    else if (key === 'kinds') filter.kinds = parseKinds('filter kinds', value);
    else throw filterError(`"${part}" ${bilingual({ key: 'cli.bundle.notUnderstood' })}`);
  }
  if (seen.size === 0) throw filterError(bilingual({ key: 'cli.bundle.emptyFilter' }));
  return filter;
}

export async function runExportBundle(flags: ExportBundleFlags, write: Write = stdout): Promise<number> {
  const library = await Library.open(flags.libraryDir);
  try {
    const result = await exportBundle(library, { to: flags.to, sourceLocation: flags.source, filter: flags.filter });
    const lines = [
      labelled('cli.bundle.written', path.resolve(flags.to)),
      `${labelled('cli.source', result.source)} — ${bilingual({ key: 'cli.sequence' })} ${result.sequence} (${bilingual({ key: 'cli.bundle.hubSignature' })})`,
      labelled('cli.bundle.pages', `${result.pages}${result.snapshot ? ` + ${bilingual({ key: 'cli.bundle.snapshot' })}` : ''}`),
      labelled('cli.bundle.files', `${result.files} (${formatBytes(result.bytes)}, ${result.bytes} bytes)`),
      labelled('cli.bundle.texts', result.texts),
    ];
    if (flags.filter) lines.push(labelled('cli.bundle.filteredOut', result.filteredFiles));
    if (result.missingFiles > 0) lines.push(labelled('cli.bundle.missing', result.missingFiles));
    write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    write(`${error instanceof BundleError ? error.message : labelled('cli.bundle.failed', (error as Error).message)}\n`);
    return 1;
  } finally {
    library.close();
  }
}
