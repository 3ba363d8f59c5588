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

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export interface ExportBundleFlags {
  libraryDir: string;
  to: string;
  source?: string;
  filter?: BundleFilter;
}

const FILTER_SYNTAX = '--filter "fields=A,B;types=X,Y;kinds=K"';

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
    if (seen.has(key)) throw new UsageError(`--filter: "${key}" hai lần / given twice. Cú pháp / Syntax: ${FILTER_SYNTAX}`);
    seen.add(key);
    if (key === 'fields') filter.fields = parseList('filter fields', value);
    else if (key === 'types') filter.docTypes = parseList('filter types', value);
    else if (key === 'kinds') filter.kinds = parseKinds('filter kinds', value);
    else throw new UsageError(`--filter: "${part}" không hiểu được / is not understood. Cú pháp / Syntax: ${FILTER_SYNTAX}`);
  }
  if (seen.size === 0) throw new UsageError(`--filter: trống / is empty. Cú pháp / Syntax: ${FILTER_SYNTAX}`);
  return filter;
}

export async function runExportBundle(flags: ExportBundleFlags, write: Write = stdout): Promise<number> {
  const library = await Library.open(flags.libraryDir);
  try {
    const result = await exportBundle(library, { to: flags.to, sourceLocation: flags.source, filter: flags.filter });
    const lines = [
      `Đã xuất gói / Bundle written: ${path.resolve(flags.to)}`,
      `Nguồn / Source: ${result.source} — số thứ tự / sequence ${result.sequence} (chữ ký của trạm chủ / the hub's signature)`,
      `Trang / Pages: ${result.pages}${result.snapshot ? ' + ảnh chụp / snapshot' : ''}`,
      `Tệp / Files: ${result.files} (${formatBytes(result.bytes)}, ${result.bytes} bytes)`,
      `Nội dung để tìm kiếm / Text objects: ${result.texts}`,
    ];
    if (flags.filter) lines.push(`Tệp bị bộ lọc loại ra (danh mục vẫn đầy đủ) / Files left out by the filter (the catalog is complete): ${result.filteredFiles}`);
    if (result.missingFiles > 0) lines.push(`Tệp trạm này chưa có (không kèm) / Files this station does not hold (left out): ${result.missingFiles}`);
    write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    write(`${error instanceof BundleError ? '' : 'Xuất gói thất bại / Export failed: '}${(error as Error).message}\n`);
    return 1;
  } finally {
    library.close();
  }
}
