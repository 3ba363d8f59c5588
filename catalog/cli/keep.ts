/**
 * `bookshelf keep [--fields a,b] [--types x,y] [--kinds k] [--budget 2GB|500MB|none] [--all]`:
 * what this station keeps of the national catalog's files (selective sync, catalog/sync/selection.ts).
 * Flags change only what they name (`--all` first resets everything to "keep all"); the policy is
 * saved and applied at once, and a bilingual summary printed. With no flag, prints the current
 * policy and what it keeps. Metadata is always complete whatever is chosen.
 */
import { Library } from '../library.js';
import { UsageError } from './usage.js';
import { KEEP_EVERYTHING } from '../../shared/sync.js';
import type { SyncSelection } from '../../shared/sync.js';
import { PUBLICATION_KINDS } from '../../shared/domain.js';
import type { PublicationKind } from '../../shared/domain.js';
import { countPublications } from '../publications.js';
import { readSelection, saveSelection, selectionCounts, unmatchedChoices } from '../sync/selection.js';
import type { SelectionSummary } from '../sync/selection.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export const KEEP_HELP = `keep:
  Chọn những tệp trạm này giữ (danh mục luôn đầy đủ) / Choose the files this station keeps (the catalog stays complete)
  --fields A,B          Chỉ giữ tệp thuộc một trong các lĩnh vực / Only files in any of these fields
  --types X,Y           Chỉ giữ các loại văn bản / Only these document types (Luật, Nghị định…)
  --kinds K             Chỉ giữ các loại ấn phẩm / Only these kinds: ${PUBLICATION_KINDS.join(', ')}
  --budget N            Dung lượng tối đa: 500MB, 2GB, none (ưu tiên còn hiệu lực, mới ban hành)
                        Size budget: 500MB, 2GB, none (in force first, newest first)
  --all                 Bỏ mọi giới hạn trước khi áp dụng các tuỳ chọn khác / Clear every restriction first
  Không tuỳ chọn: in lựa chọn hiện tại / No option: print the current choice
`;

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

/** "2GB" → 2 × 1024³ bytes, "500 MB", "1.5gb", "1000000" (bytes); "none" → null. */
export function parseBudget(value: string): number | null {
  if (/^(none|không)$/iu.test(value.trim())) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?b)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--budget: "${value}" không phải dung lượng (vd. 500MB, 2GB, none) / is not a size (e.g. 500MB, 2GB, none)`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}

/** "a, b" → ["a", "b"]; an empty list is a usage error. */
export function parseList(name: string, value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${name}: cần ít nhất một giá trị / needs at least one value`);
  return items;
}

export function parseKinds(name: string, value: string): PublicationKind[] {
  const kinds = parseList(name, value);
  for (const kind of kinds) {
    if (!(PUBLICATION_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--${name}: "${kind}" — ${PUBLICATION_KINDS.join(', ')}`);
  }
  return kinds as PublicationKind[];
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

const ALL = 'tất cả / all';

function describePolicy(selection: SyncSelection): string[] {
  return [
    'Lựa chọn đồng bộ / Sync selection:',
    `  Lĩnh vực / Fields: ${selection.fields?.join(', ') ?? ALL}`,
    `  Loại văn bản / Document types: ${selection.docTypes?.join(', ') ?? ALL}`,
    `  Loại ấn phẩm / Kinds: ${selection.kinds?.join(', ') ?? ALL}`,
    `  Dung lượng tối đa / Size budget: ${selection.maxBytes === null ? 'không giới hạn / none' : `${formatBytes(selection.maxBytes)} (${selection.maxBytes} bytes)`}`,
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
    const lines = [
      ...describePolicy(selection),
      `Danh mục vẫn đầy đủ / The catalog stays complete: ${publications} ấn phẩm / publications`,
      `Giữ / Kept: ${counts.keptFiles} tệp / files (${formatBytes(counts.keptBytes)}); đã có trên máy / on this computer: ${counts.presentFiles} (${formatBytes(counts.presentBytes)})`,
      `Không giữ / Not kept: ${counts.excludedFiles} tệp / files (${formatBytes(counts.excludedBytes)})`,
    ];
    if (summary) {
      lines.push(`Đã xoá khỏi đĩa / Removed from disk: ${summary.removedFiles} tệp / files, giải phóng / freed ${formatBytes(summary.freedBytes)}`);
    }
    const unmatched = publications > 0 ? unmatchedChoices(library, selection) : { fields: [], docTypes: [] };
    if (unmatched.fields.length > 0) lines.push(`Cảnh báo: không ấn phẩm nào thuộc lĩnh vực / Warning: no publication is in the field(s): ${unmatched.fields.join(', ')}`);
    if (unmatched.docTypes.length > 0) lines.push(`Cảnh báo: không ấn phẩm nào có loại văn bản / Warning: no publication has the document type(s): ${unmatched.docTypes.join(', ')}`);
    write(lines.join('\n') + '\n');
    return 0;
  } finally {
    library.close();
  }
}
