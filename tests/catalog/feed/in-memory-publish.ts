/**
 * The reference a streamed publish must equal byte for byte: what publish wrote before it read
 * the catalog in batches (issue 17), computed the way it did then — every publication read with
 * getPublication into memory, the changes collapsed in a Map, pages cut from the whole list, the
 * snapshot's lines and every OPDS file built from arrays sorted with `localeCompare(…, 'vi')`.
 * Only for a few thousand publications in tests; the hub no longer works like this.
 */
import type { Library } from '../../../catalog/library.js';
import { getPublication } from '../../../catalog/publications.js';
import { publishedReading } from '../../../catalog/relations/published.js';
import { OPDS_TYPE, OPEN_ACCESS } from '../../../catalog/feed/opds.js';
import { MAX_PAGE_BYTES, PAGE_FORMAT, SNAPSHOT_FORMAT, toFeedPublication } from '../../../catalog/feed/pages.js';
import type { FeedOp, FeedPublication } from '../../../catalog/feed/pages.js';
import { canonicalJson } from '../../../catalog/feed/root.js';
import type { TextRef } from '../../../catalog/feed/text-object.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { translate } from '../../../shared/messages.js';

export interface ExpectedFeed {
  /** The new pages' bytes, oldest first. */
  pages: Buffer[];
  snapshot: Buffer;
  /** Every file of the OPDS view by its path under the feed folder. */
  opds: Map<string, Buffer>;
}

const NOT_DEMO = 'NOT IN (SELECT publication_id FROM demo_publications)';

/** The feed files a publish of `library` since change `since` should write (its settings as given). */
export function expectedFeed(library: Library, since: number, options: { pageOps: number; pageTextBytes: number; opdsPageSize: number; title: string }): ExpectedFeed {
  const db = library.db;
  const changes = db.prepare(`SELECT seq, publication_id AS id, op FROM changes WHERE seq > ? AND publication_id ${NOT_DEMO} ORDER BY seq`).all(since) as { seq: number; id: string; op: 'put' | 'delete' }[];
  const lastChange = Math.max(since, (db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number));
  const textOf = db.prepare('SELECT object_sha256 AS sha256, object_size AS size FROM publication_texts WHERE publication_id = ? AND object_sha256 IS NOT NULL');
  const publications = (db.prepare(`SELECT id FROM publications WHERE id ${NOT_DEMO} ORDER BY id`).pluck().all() as string[]).map((id) => {
    const pub = getPublication(db, id)!;
    return { record: toFeedPublication(pub, textOf.get(id) as TextRef | undefined, publishedReading(db, id)), present: new Set(pub.files.filter((f) => f.state === 'present').map((f) => f.sha256)) };
  });

  // The last op of each publication wins; ops keep the order of their last change.
  const last = new Map<string, { op: 'put' | 'delete'; seq: number }>();
  for (const change of changes) {
    last.delete(change.id);
    last.set(change.id, change);
  }
  const byId = new Map(publications.map((pub) => [pub.record.id, pub.record]));
  const ops = [...last].map(([id, { op, seq }]): { op: FeedOp; seq: number } => {
    const publication = byId.get(id);
    return { op: op === 'delete' || !publication ? { op: 'delete', id } : { op: 'put', publication }, seq };
  });
  const pages: Buffer[] = [];
  let firstChange = changes[0]?.seq ?? 0;
  let chunk: typeof ops = [];
  let bytes = 1024;
  let text = 0;
  const emit = (lastOfPage: number) => {
    pages.push(Buffer.from(canonicalJson({ format: PAGE_FORMAT, firstChange, lastChange: lastOfPage, ops: chunk.map((c) => c.op) }), 'utf8'));
    firstChange = lastOfPage + 1;
    chunk = [];
    bytes = 1024;
    text = 0;
  };
  for (const item of ops) {
    const opBytes = Buffer.byteLength(canonicalJson(item.op)) + 1;
    const opText = item.op.op === 'put' ? (item.op.publication.text?.size ?? 0) : 0;
    if (chunk.length > 0 && (chunk.length >= options.pageOps || bytes + opBytes > MAX_PAGE_BYTES || text + opText > options.pageTextBytes)) emit(chunk[chunk.length - 1].seq);
    chunk.push(item);
    bytes += opBytes;
    text += opText;
  }
  if (chunk.length > 0) emit(changes[changes.length - 1].seq);

  const lines = [canonicalJson({ format: SNAPSHOT_FORMAT, lastChange, publications: publications.length }), ...publications.map((pub) => canonicalJson(pub.record))];
  const snapshot = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  return { pages, snapshot, opds: expectedOpds(publications, options) };
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 1)}\n`, 'utf8');
const label = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('vi', key, params);
const fileHref = (sha256: string) => `../files/${sha256.slice(0, 2)}/${sha256}`;
const COVER_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif']);

function expectedOpds(publications: { record: FeedPublication; present: Set<string> }[], options: { opdsPageSize: number; title: string }): Map<string, Buffer> {
  const present = new Set(publications.flatMap((pub) => [...pub.present]));
  const acquisitionsOf = (pub: FeedPublication) =>
    pub.files.filter((file) => file.role === 'content' && present.has(file.sha256)).map((file) => ({ rel: OPEN_ACCESS, href: fileHref(file.sha256), type: file.mediaType }));
  const entry = (pub: FeedPublication) => (pageHref: string) => {
    const cover = pub.files.find((file) => file.role === 'cover' && COVER_TYPES.has(file.mediaType) && present.has(file.sha256));
    const authors = pub.authors.length ? pub.authors : pub.issuer ? [pub.issuer] : [];
    return {
      metadata: {
        '@type': 'http://schema.org/Book',
        identifier: `urn:tu-sach:${encodeURIComponent(pub.id)}`,
        title: pub.title,
        language: pub.language,
        modified: pub.updatedAt,
        ...(authors.length ? { author: authors } : {}),
        ...(pub.publisher ? { publisher: pub.publisher } : {}),
        ...(pub.issuedDate && /^\d{4}-\d{2}-\d{2}$/.test(pub.issuedDate) ? { published: pub.issuedDate } : {}),
        ...(pub.fields.length ? { subject: pub.fields } : {}),
        ...(pub.description ? { description: pub.description } : {}),
      },
      links: [{ rel: 'self', href: `${pageHref}#${encodeURIComponent(pub.id)}`, type: OPDS_TYPE }, ...acquisitionsOf(pub)],
      images: [cover ? { href: fileHref(cover.sha256), type: cover.mediaType } : { href: 'cover.png', type: 'image/png' }],
    };
  };
  const files = new Map<string, Buffer>();
  const paged = (prefix: string, title: string, entries: ((pageHref: string) => object)[]) => {
    const size = options.opdsPageSize;
    const count = Math.max(1, Math.ceil(entries.length / size));
    const href = (n: number) => `${prefix}-${n}.json`;
    for (let n = 1; n <= count; n += 1) {
      const links = [
        { rel: 'self', href: href(n), type: OPDS_TYPE },
        { rel: 'start', href: 'root.json', type: OPDS_TYPE },
        { rel: 'first', href: href(1), type: OPDS_TYPE },
        { rel: 'last', href: href(count), type: OPDS_TYPE },
        ...(n > 1 ? [{ rel: 'prev', href: href(n - 1), type: OPDS_TYPE }] : []),
        ...(n < count ? [{ rel: 'next', href: href(n + 1), type: OPDS_TYPE }] : []),
      ];
      const metadata = { title, numberOfItems: entries.length, itemsPerPage: size, currentPage: n };
      files.set(`opds/${href(n)}`, json({ metadata, links, publications: entries.slice((n - 1) * size, n * size).map((make) => make(href(n))) }));
    }
  };
  const listed = publications
    .map((pub) => pub.record)
    .filter((pub) => acquisitionsOf(pub).length > 0)
    .sort((a, b) => a.title.localeCompare(b.title, 'vi') || (a.id < b.id ? -1 : 1));
  paged('publications', label('feed.opdsAllTitle', { title: options.title }), listed.map(entry));
  const facet = (name: string, prefix: string, valuesOf: (pub: FeedPublication) => string[]) => {
    const values = [...new Set(listed.flatMap(valuesOf))].sort((a, b) => a.localeCompare(b, 'vi'));
    const navigation = values.map((value) => {
      const items = listed.filter((pub) => valuesOf(pub).includes(value));
      const feedPrefix = `${prefix}-${sha256Hex(value).slice(0, 12)}`;
      paged(feedPrefix, `${options.title} — ${value}`, items.map(entry));
      return { href: `${feedPrefix}-1.json`, title: `${value} (${items.length})`, type: OPDS_TYPE };
    });
    return { metadata: { title: name }, navigation };
  };
  const groups = [
    facet(label('feed.opdsByField'), 'field', (pub) => pub.fields),
    facet(label('feed.opdsByType'), 'type', (pub) => (pub.docType ? [pub.docType] : [])),
  ].filter((group) => group.navigation.length > 0);
  files.set(
    'opds/root.json',
    json({
      metadata: { title: options.title, numberOfItems: listed.length },
      links: [
        { rel: 'self', href: 'root.json', type: OPDS_TYPE },
        { rel: 'start', href: 'root.json', type: OPDS_TYPE },
        { rel: 'search', href: 'search{?query}', type: OPDS_TYPE, templated: true },
      ],
      navigation: [{ href: 'publications-1.json', title: label('feed.opdsAllCount', { count: listed.length }), type: OPDS_TYPE }],
      ...(groups.length ? { groups } : {}),
    }),
  );
  return files;
}
