/**
 * Selective sync (docs/feed.md § Selective sync): which files of the national catalog a station
 * keeps — by field, document type and kind, within a size budget. Metadata is always complete;
 * only files are left out. The policy's schema and the one matcher that both the station's
 * selection and `bookshelf export-bundle --filter` use.
 */
import { z } from 'zod';
import { PUBLICATION_KINDS } from './domain.js';
import type { PublicationKind } from './domain.js';

const label = z.string().trim().min(1).max(200);
/** null: no restriction; a list: one of these (an empty list would keep nothing, so it is refused). */
const choice = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(500).nullable();

export const syncSelectionSchema = z.strictObject({
  /** Keep publications in any of these fields. */
  fields: choice(label),
  /** …of one of these document types (Luật, Nghị định…). */
  docTypes: choice(label),
  kinds: choice(z.enum(PUBLICATION_KINDS)),
  /** At most this many bytes of the national catalog's files on this station. */
  maxBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
});

export type SyncSelection = z.infer<typeof syncSelectionSchema>;

export const KEEP_EVERYTHING: SyncSelection = { fields: null, docTypes: null, kinds: null, maxBytes: null };

/** What the matcher reads of a publication. */
export interface SelectablePublication {
  fields: readonly string[];
  docType: string | null;
  kind: PublicationKind;
}

/** Fields and types are compared without case and with spaces collapsed ("đất  Đai" = "Đất đai"). */
export function selectionKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('vi');
}

/** Whether the policy restricts which publications are kept (the budget aside). */
export function restrictsPublications(selection: Pick<SyncSelection, 'fields' | 'docTypes' | 'kinds'>): boolean {
  return selection.fields !== null || selection.docTypes !== null || selection.kinds !== null;
}

/**
 * The matcher: a publication is chosen when it is in any of the fields, and of one of the
 * document types, and of one of the kinds (a null list does not restrict).
 */
export function selectionMatcher(selection: Pick<SyncSelection, 'fields' | 'docTypes' | 'kinds'>): (pub: SelectablePublication) => boolean {
  const fields = selection.fields && new Set(selection.fields.map(selectionKey));
  const docTypes = selection.docTypes && new Set(selection.docTypes.map(selectionKey));
  const kinds = selection.kinds && new Set<string>(selection.kinds);
  return (pub) =>
    (!fields || pub.fields.some((field) => fields.has(selectionKey(field)))) &&
    (!docTypes || (pub.docType !== null && docTypes.has(selectionKey(pub.docType)))) &&
    (!kinds || kinds.has(pub.kind));
}

export interface SelectionCounts {
  /** Files of the national catalog this station keeps (present or to download). */
  keptFiles: number;
  keptBytes: number;
  /** Of those, already on disk. */
  presentFiles: number;
  presentBytes: number;
  /** Files of the national catalog left out (never downloaded). */
  excludedFiles: number;
  excludedBytes: number;
}

export interface SelectionSummary extends SelectionCounts {
  /** Files that were on disk and were deleted because the choice now leaves them out. */
  removedFiles: number;
  freedBytes: number;
}
