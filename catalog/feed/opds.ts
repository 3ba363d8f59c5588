/**
 * The OPDS 2.0 view of a feed, for standard reading apps (Thorium, KOReader): a navigation root
 * (all publications, by field, by document type, a search template) and paged publication
 * feeds whose acquisition links point at the feed's content-addressed files. Only publications
 * with a file the feed carries are listed: OPDS requires an acquisition link. The view's own
 * labels ("All", "By field") are written in Vietnamese, the language of the catalog it lists: it
 * is a document the hub publishes, not something the app says to the person in front of it.
 */
import type { FeedPublication } from './pages.js';
import { sha256Hex } from '../store/hash.js';
import { translate } from '../../shared/messages.js';
import type { MessageKey, MessageParams } from '../../shared/messages.js';

export const OPDS_TYPE = 'application/opds+json';
export const OPEN_ACCESS = 'http://opds-spec.org/acquisition/open-access';
export const DEFAULT_OPDS_PAGE_SIZE = 100;

/** A neutral 1×1 PNG for publications without a cover: OPDS requires one image per publication. */
const PLACEHOLDER_COVER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const COVER_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif']);

export interface OpdsFile {
  /** Path under the feed folder, e.g. `opds/root.json`. */
  path: string;
  body: Buffer;
}

interface Link {
  rel?: string;
  href: string;
  type?: string;
  title?: string;
  templated?: boolean;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 1)}\n`, 'utf8');
/** A label of the view: the feed is a document in Vietnamese, as the catalog it lists is. */
const label = (key: MessageKey, params?: MessageParams) => translate('vi', key, params);
const fileHref = (sha256: string) => `../files/${sha256.slice(0, 2)}/${sha256}`;
const slug = (text: string) => sha256Hex(text).slice(0, 12);

function acquisitionsOf(pub: FeedPublication, present: ReadonlySet<string>): Link[] {
  return pub.files
    .filter((file) => file.role === 'content' && present.has(file.sha256))
    .map((file) => ({ rel: OPEN_ACCESS, href: fileHref(file.sha256), type: file.mediaType }));
}

function opdsPublication(pub: FeedPublication, pageHref: string, present: ReadonlySet<string>): object {
  const acquisitions = acquisitionsOf(pub, present);
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
    links: [{ rel: 'self', href: `${pageHref}#${encodeURIComponent(pub.id)}`, type: OPDS_TYPE }, ...acquisitions],
    images: [cover ? { href: fileHref(cover.sha256), type: cover.mediaType } : { href: 'cover.png', type: 'image/png' }],
  };
}

/** Paged acquisition feeds `<prefix>-1.json`, `<prefix>-2.json`… (one empty page when there is nothing). */
function pagedFeeds(prefix: string, title: string, entries: ((pageHref: string) => object)[], pageSize: number): OpdsFile[] {
  const count = Math.max(1, Math.ceil(entries.length / pageSize));
  const href = (n: number) => `${prefix}-${n}.json`;
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const links: Link[] = [
      { rel: 'self', href: href(n), type: OPDS_TYPE },
      { rel: 'start', href: 'root.json', type: OPDS_TYPE },
      { rel: 'first', href: href(1), type: OPDS_TYPE },
      { rel: 'last', href: href(count), type: OPDS_TYPE },
      ...(n > 1 ? [{ rel: 'prev', href: href(n - 1), type: OPDS_TYPE }] : []),
      ...(n < count ? [{ rel: 'next', href: href(n + 1), type: OPDS_TYPE }] : []),
    ];
    return {
      path: `opds/${href(n)}`,
      body: json({
        metadata: { title, numberOfItems: entries.length, itemsPerPage: pageSize, currentPage: n },
        links,
        publications: entries.slice(index * pageSize, n * pageSize).map((entry) => entry(href(n))),
      }),
    };
  });
}

/** Every file of the OPDS view, with paths under the feed folder. */
export function buildOpds(publications: FeedPublication[], present: ReadonlySet<string>, options: { title: string; pageSize?: number }): OpdsFile[] {
  const pageSize = options.pageSize ?? DEFAULT_OPDS_PAGE_SIZE;
  const listed = publications
    .filter((pub) => acquisitionsOf(pub, present).length > 0)
    .map((pub) => ({ pub, entry: (pageHref: string) => opdsPublication(pub, pageHref, present) }))
    .sort((a, b) => a.pub.title.localeCompare(b.pub.title, 'vi') || (a.pub.id < b.pub.id ? -1 : 1));
  const entriesOf = (items: typeof listed) => items.map(({ entry }) => entry);
  const files = pagedFeeds('publications', label('feed.opdsAllTitle', { title: options.title }), entriesOf(listed), pageSize);

  const facet = (label: string, prefix: string, valuesOf: (pub: FeedPublication) => string[]) => {
    const values = [...new Set(listed.flatMap(({ pub }) => valuesOf(pub)))].sort((a, b) => a.localeCompare(b, 'vi'));
    const navigation = values.map((value) => {
      const items = listed.filter(({ pub }) => valuesOf(pub).includes(value));
      const feedPrefix = `${prefix}-${slug(value)}`;
      files.push(...pagedFeeds(feedPrefix, `${options.title} — ${value}`, entriesOf(items), pageSize));
      return { href: `${feedPrefix}-1.json`, title: `${value} (${items.length})`, type: OPDS_TYPE };
    });
    return { metadata: { title: label }, navigation };
  };
  const groups = [
    facet(label('feed.opdsByField'), 'field', (pub) => pub.fields),
    facet(label('feed.opdsByType'), 'type', (pub) => (pub.docType ? [pub.docType] : [])),
  ].filter((group) => group.navigation.length > 0);

  files.unshift({
    path: 'opds/root.json',
    body: json({
      metadata: { title: options.title, numberOfItems: listed.length },
      links: [
        { rel: 'self', href: 'root.json', type: OPDS_TYPE },
        { rel: 'start', href: 'root.json', type: OPDS_TYPE },
        { rel: 'search', href: 'search{?query}', type: OPDS_TYPE, templated: true },
      ],
      navigation: [{ href: 'publications-1.json', title: label('feed.opdsAllCount', { count: listed.length }), type: OPDS_TYPE }],
      ...(groups.length ? { groups } : {}),
    }),
  });
  files.push({ path: 'opds/cover.png', body: PLACEHOLDER_COVER });
  return files;
}
