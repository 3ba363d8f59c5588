/**
 * Change pages and snapshots of a feed (docs/feed.md): the publication record they carry, their
 * zod schemas (for the station that reads them), the bounds of the format, and the conversion
 * from the catalog's publications. A page is one canonical JSON document; a snapshot is JSON
 * Lines (a header line, then one canonical publication per line) so both ends stream it in
 * bounded memory. Both are named by their sha256. A record names its text object (text-object.ts)
 * and carries the hub's reading of its relations (catalog/relations/published.ts).
 */
import { z } from 'zod';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from '../../shared/domain.js';
import type { Publication, PublicationFile } from '../../shared/domain.js';
import type { DocumentRelations } from '../../shared/legal/relations.js';
import { RELATION_KINDS } from '../../shared/related.js';
import { textRefSchema } from './text-object.js';
import type { TextRef } from './text-object.js';

export const PAGE_FORMAT = 'tu-sach-feed-page/1';
export const SNAPSHOT_FORMAT = 'tu-sach-feed-snapshot/1';
/** A publication record (a snapshot line) longer than this is refused: a record is a few KB. */
export const MAX_RECORD_BYTES = 256 * 1024;
/** A page holds at most this many ops… */
export const MAX_PAGE_OPS = 1000;
/** …and this many bytes; a station refuses a larger one before reading it. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

const nullableText = z.string().nullable();

export const feedFileSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mediaType: z.string().min(1),
  role: z.enum(['content', 'cover']),
});

/** A relation as the hub holds it (shared/legal/relations.ts Relation). */
export const feedRelationSchema = z
  .strictObject({
    kind: z.enum(RELATION_KINDS),
    target: z.string().min(1).max(200).nullable(),
    targetTitle: z.string().min(1).max(1000).nullable(),
    scope: z.enum(['whole', 'part']),
    articles: z.array(z.string().max(200)).max(200),
    evidence: z.string().max(1000),
  })
  .refine((relation) => relation.target !== null || relation.targetTitle !== null, { message: 'a relation names its target' });

/** The hub's reading of a legal text (catalog/relations/published.ts): its effective date and relations, corrected by the hub's officials. */
export const feedReadingSchema = z.strictObject({
  effective: z.iso.date().nullable(),
  onSigning: z.boolean(),
  relations: z.array(feedRelationSchema).max(1000),
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
  /** Always 'national' from this version on; a station stores every feed record as national. */
  origin: z.enum(['national', 'local']),
  updatedAt: z.string(),
  files: z.array(feedFileSchema),
  /** The text object holding its text and structure; absent when the hub has none (or an older feed). */
  text: textRefSchema.optional(),
  /** The hub's reading of its text: a station stores it instead of reading the text; absent before the hub has read it. */
  reading: feedReadingSchema.optional(),
});

export const opSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('put'), publication: feedPublicationSchema }),
  z.strictObject({ op: z.literal('delete'), id: z.string().min(1) }),
]);

export const pageSchema = z.strictObject({
  format: z.literal(PAGE_FORMAT),
  firstChange: z.number().int().nonnegative(),
  lastChange: z.number().int().nonnegative(),
  ops: z.array(opSchema).max(MAX_PAGE_OPS),
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

/** What a record is made from: a publication as the catalog holds it (publish reads these in batches, catalog-reader.ts). */
export type FeedSource = Pick<
  Publication,
  'id' | 'kind' | 'title' | 'number' | 'docType' | 'issuer' | 'issuedDate' | 'effectiveDate' | 'legalStatus' | 'fields' | 'language' | 'authors' | 'publisher' | 'description' | 'updatedAt'
> & { files: Pick<PublicationFile, 'sha256' | 'size' | 'mediaType' | 'role'>[] };

/** What a feed says of a publication: its metadata, files, text object and the hub's reading of it, not local file states. */
export function toFeedPublication(pub: FeedSource, text?: TextRef, reading?: DocumentRelations | null): FeedPublication {
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
    // What a hub publishes is national at every station, whoever made it at the hub.
    origin: 'national',
    updatedAt: pub.updatedAt,
    files: pub.files.map(({ sha256, size, mediaType, role }) => ({ sha256, size, mediaType, role })),
    ...(text ? { text } : {}),
    ...(reading ? { reading: { ...reading, relations: reading.relations.map((relation) => ({ ...relation, articles: relation.articles ?? [] })) } } : {}),
  };
}
