/**
 * The OPDS 2.0 view of a feed, for standard reading apps (Thorium, KOReader): a navigation root
 * (all publications, by field, by document type, a search template) and paged publication
 * feeds whose acquisition links point at the feed's content-addressed files. Only publications
 * with a file the feed carries are listed: OPDS requires an acquisition link. The view's own
 * labels ("All", "By field") are written in Vietnamese, the language of the catalog it lists: it
 * is a document the hub publishes, not something the app says to the person in front of it.
 */
import type { FeedPublication } from './pages.js';
import { SortedRuns } from './sorted-runs.js';
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
/** Titles and facet values in Vietnamese order (what `localeCompare(…, 'vi')` gives). */
const collator = new Intl.Collator('vi');

/** What the view needs of a publication: its record, with only the files the feed carries. */
type OpdsItem = Pick<FeedPublication, 'id' | 'title' | 'language' | 'updatedAt' | 'authors' | 'issuer' | 'publisher' | 'issuedDate' | 'fields' | 'description' | 'docType' | 'files'>;

const acquisitionsOf = (item: OpdsItem): Link[] =>
  item.files.filter((file) => file.role === 'content').map((file) => ({ rel: OPEN_ACCESS, href: fileHref(file.sha256), type: file.mediaType }));

/** A publication as the view lists it; null when the feed carries none of its content files (OPDS requires an acquisition link). */
function opdsItemOf(pub: FeedPublication, present: ReadonlySet<string>): OpdsItem | null {
  const files = pub.files.filter((file) => present.has(file.sha256));
  if (!files.some((file) => file.role === 'content')) return null;
  const { id, title, language, updatedAt, authors, issuer, publisher, issuedDate, fields, description, docType } = pub;
  return { id, title, language, updatedAt, authors, issuer, publisher, issuedDate, fields, description, docType, files };
}

function opdsPublication(item: OpdsItem, pageHref: string): object {
  const cover = item.files.find((file) => file.role === 'cover' && COVER_TYPES.has(file.mediaType));
  const authors = item.authors.length ? item.authors : item.issuer ? [item.issuer] : [];
  return {
    metadata: {
      '@type': 'http://schema.org/Book',
      identifier: `urn:tu-sach:${encodeURIComponent(item.id)}`,
      title: item.title,
      language: item.language,
      modified: item.updatedAt,
      ...(authors.length ? { author: authors } : {}),
      ...(item.publisher ? { publisher: item.publisher } : {}),
      ...(item.issuedDate && /^\d{4}-\d{2}-\d{2}$/.test(item.issuedDate) ? { published: item.issuedDate } : {}),
      ...(item.fields.length ? { subject: item.fields } : {}),
      ...(item.description ? { description: item.description } : {}),
    },
    links: [{ rel: 'self', href: `${pageHref}#${encodeURIComponent(item.id)}`, type: OPDS_TYPE }, ...acquisitionsOf(item)],
    images: [cover ? { href: fileHref(cover.sha256), type: cover.mediaType } : { href: 'cover.png', type: 'image/png' }],
  };
}

type WriteFile = (file: OpdsFile) => Promise<void>;

/** A paged acquisition feed `<prefix>-1.json`, `<prefix>-2.json`… of `total` entries given in order, each page written once full (one empty page when there is nothing). */
class PagedFeed {
  private entries: OpdsItem[] = [];
  private written = 0;
  private readonly count: number;

  constructor(
    private readonly prefix: string,
    private readonly title: string,
    private readonly total: number,
    private readonly pageSize: number,
    private readonly write: WriteFile,
  ) {
    this.count = Math.max(1, Math.ceil(total / pageSize));
  }

  async add(item: OpdsItem): Promise<void> {
    this.entries.push(item);
    if (this.entries.length === this.pageSize || this.written * this.pageSize + this.entries.length === this.total) await this.flush();
  }

  async finish(): Promise<void> {
    if (this.written === 0) await this.flush();
    if (this.written !== this.count || this.entries.length > 0) throw new Error(`OPDS ${this.prefix}: ${this.written} pages written, ${this.count} announced`);
  }

  private async flush(): Promise<void> {
    const n = this.written + 1;
    const href = (page: number) => `${this.prefix}-${page}.json`;
    const links: Link[] = [
      { rel: 'self', href: href(n), type: OPDS_TYPE },
      { rel: 'start', href: 'root.json', type: OPDS_TYPE },
      { rel: 'first', href: href(1), type: OPDS_TYPE },
      { rel: 'last', href: href(this.count), type: OPDS_TYPE },
      ...(n > 1 ? [{ rel: 'prev', href: href(n - 1), type: OPDS_TYPE }] : []),
      ...(n < this.count ? [{ rel: 'next', href: href(n + 1), type: OPDS_TYPE }] : []),
    ];
    const body = json({
      metadata: { title: this.title, numberOfItems: this.total, itemsPerPage: this.pageSize, currentPage: n },
      links,
      publications: this.entries.map((entry) => opdsPublication(entry, href(n))),
    });
    this.entries = [];
    this.written = n;
    await this.write({ path: `opds/${href(n)}`, body });
  }
}

/** The groups of the navigation root: publications by field and by document type. */
const FACETS = [
  { key: 'feed.opdsByField', prefix: 'field', valuesOf: (item: OpdsItem) => [...new Set(item.fields)] },
  { key: 'feed.opdsByType', prefix: 'type', valuesOf: (item: OpdsItem) => (item.docType ? [item.docType] : []) },
] as const;

/**
 * The whole OPDS view, built from publications given in any order and written in bounded memory:
 * `add` counts each facet value and sorts the listed publications by title (SortedRuns, spilling
 * to `tempDir`); `write` reads them back in order and writes every page of the paged feeds as it
 * fills, then the navigation root (which needs the counts) and the placeholder cover. Memory
 * holds a run of items and a page per facet value (fields and types number in the tens).
 */
export class OpdsView {
  private readonly listed: SortedRuns<OpdsItem>;
  private readonly counts = FACETS.map(() => new Map<string, number>());
  private total = 0;

  constructor(
    tempDir: string,
    private readonly options: { title: string; pageSize?: number; runSize?: number },
  ) {
    this.listed = new SortedRuns<OpdsItem>(tempDir, (a, b) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1), options.runSize);
  }

  async add(pub: FeedPublication, present: ReadonlySet<string>): Promise<void> {
    const item = opdsItemOf(pub, present);
    if (!item) return;
    this.total += 1;
    FACETS.forEach((facet, f) => {
      for (const value of facet.valuesOf(item)) this.counts[f].set(value, (this.counts[f].get(value) ?? 0) + 1);
    });
    await this.listed.add(item);
  }

  async write(write: WriteFile): Promise<void> {
    const { title } = this.options;
    const pageSize = this.options.pageSize ?? DEFAULT_OPDS_PAGE_SIZE;
    const all = new PagedFeed('publications', label('feed.opdsAllTitle', { title }), this.total, pageSize, write);
    // Each facet value in the order it first appears among the sorted publications: ties of the collation keep it.
    const feeds = FACETS.map(() => new Map<string, PagedFeed>());
    for (const item of this.listed.sorted()) {
      await all.add(item);
      for (const [f, facet] of FACETS.entries()) {
        for (const value of facet.valuesOf(item)) {
          let feed = feeds[f].get(value);
          if (!feed) feeds[f].set(value, (feed = new PagedFeed(`${facet.prefix}-${slug(value)}`, `${title} — ${value}`, this.counts[f].get(value) ?? 0, pageSize, write)));
          await feed.add(item);
        }
      }
    }
    await all.finish();
    const groups: { metadata: { title: string }; navigation: Link[] }[] = [];
    for (const [f, facet] of FACETS.entries()) {
      for (const feed of feeds[f].values()) await feed.finish();
      const values = [...feeds[f].keys()].sort((a, b) => collator.compare(a, b));
      const navigation = values.map((value) => ({ href: `${facet.prefix}-${slug(value)}-1.json`, title: `${value} (${this.counts[f].get(value)})`, type: OPDS_TYPE }));
      if (navigation.length > 0) groups.push({ metadata: { title: label(facet.key) }, navigation });
    }
    await write({
      path: 'opds/root.json',
      body: json({
        metadata: { title, numberOfItems: this.total },
        links: [
          { rel: 'self', href: 'root.json', type: OPDS_TYPE },
          { rel: 'start', href: 'root.json', type: OPDS_TYPE },
          { rel: 'search', href: 'search{?query}', type: OPDS_TYPE, templated: true },
        ],
        navigation: [{ href: 'publications-1.json', title: label('feed.opdsAllCount', { count: this.total }), type: OPDS_TYPE }],
        ...(groups.length ? { groups } : {}),
      }),
    });
    await write({ path: 'opds/cover.png', body: PLACEHOLDER_COVER });
  }

  dispose(): Promise<void> {
    return this.listed.dispose();
  }
}
