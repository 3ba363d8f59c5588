/**
 * Change pages and snapshots of a feed (docs/feed.md): the publication record they carry, their
 * zod schemas (for the station that reads them) and the conversion from the catalog's
 * publications. A page is one canonical JSON document; a snapshot is JSON Lines (a header line,
 * then one canonical publication per line) so both ends stream it in bounded memory. Both are
 * named by their sha256.
 */
import { z } from 'zod';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from '../../shared/domain.js';
import type { Publication } from '../../shared/domain.js';

export const PAGE_FORMAT = 'tu-sach-feed-page/1';
export const SNAPSHOT_FORMAT = 'tu-sach-feed-snapshot/1';
/** A snapshot line longer than this is refused (a publication record is a few KB). */
export const MAX_SNAPSHOT_LINE_BYTES = 1024 * 1024;

const nullableText = z.string().nullable();

export const feedFileSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mediaType: z.string().min(1),
  role: z.enum(['content', 'cover']),
});

export const feedPublicationSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(PUBLICATION_KINDS),
  title: z.string(),
  number: nullableText,
  docType: nullableText,
  issuer: nullableText,
  issuedDate: nullableText,
  effectiveDate: nullableText,
  legalStatus: z.enum(LEGAL_STATUSES),
  fields: z.array(z.string()),
  language: z.string(),
  authors: z.array(z.string()),
  publisher: nullableText,
  description: nullableText,
  origin: z.enum(['national', 'local']),
  updatedAt: z.string(),
  files: z.array(feedFileSchema),
});

export const opSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('put'), publication: feedPublicationSchema }),
  z.strictObject({ op: z.literal('delete'), id: z.string().min(1) }),
]);

export const pageSchema = z.strictObject({
  format: z.literal(PAGE_FORMAT),
  firstChange: z.number().int().nonnegative(),
  lastChange: z.number().int().nonnegative(),
  ops: z.array(opSchema),
});

/** The first line of a snapshot; `publications` lines follow, sorted by id. */
export const snapshotHeaderSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  lastChange: z.number().int().nonnegative(),
  publications: z.number().int().nonnegative(),
});

export type FeedPublication = z.infer<typeof feedPublicationSchema>;
export type FeedOp = z.infer<typeof opSchema>;
export type FeedPage = z.infer<typeof pageSchema>;
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;

/** What a feed says of a publication: its metadata and files, not its text or local file states. */
export function toFeedPublication(pub: Publication): FeedPublication {
  return {
    id: pub.id,
    kind: pub.kind,
    title: pub.title,
    number: pub.number,
    docType: pub.docType,
    issuer: pub.issuer,
    issuedDate: pub.issuedDate,
    effectiveDate: pub.effectiveDate,
    legalStatus: pub.legalStatus,
    fields: pub.fields,
    language: pub.language,
    authors: pub.authors,
    publisher: pub.publisher,
    description: pub.description,
    origin: pub.origin,
    updatedAt: pub.updatedAt,
    files: pub.files.map(({ sha256, size, mediaType, role }) => ({ sha256, size, mediaType, role })),
  };
}
