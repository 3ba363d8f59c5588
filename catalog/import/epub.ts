/**
 * EPUB extraction: checks the `mimetype`, follows META-INF/container.xml to the package (OPF),
 * reads its metadata, manifest and spine, the text of each spine item, the table of contents
 * (EPUB 3 nav, else the EPUB 2 NCX) and the cover image. Everything is read through
 * BoundedZip (zip.ts) and the XML guards (xml.ts); runs inside the extraction worker.
 */
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { MessageRef } from '../../shared/messages.js';
import { ImportRefusal, refuse } from './errors.js';
import { guessVietnamese } from './language.js';
import { DEFAULT_LIMITS, joinPages } from './types.js';
import type { ExtractLimits, ExtractedCover, Extraction, TocEntry } from './types.js';
import { checkXmlSafety, decodeXmlBytes, descendants, elements, firstElement, parseXml, textOf } from './xml.js';
import type { XmlElement } from './xml.js';
import { xhtmlToText } from './xhtml-text.js';
import { BoundedZip } from './zip.js';

const CONTAINER = 'META-INF/container.xml';
const MAX_COVER_BYTES = 16 * 1024 * 1024;
const MAX_TOC_ENTRIES = 5000;
const MAX_NOTES_PER_KIND = 3;

interface ManifestItem {
  id: string;
  /** Path inside the zip, or null when the href leaves the archive or is external. */
  path: string | null;
  href: string;
  mediaType: string;
  properties: string[];
}

export interface EpubOptions {
  limits?: Partial<ExtractLimits>;
}

export async function extractEpub(data: Buffer, meta: { sha256: string; size: number }, options: EpubOptions = {}): Promise<Extraction> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zip = await BoundedZip.open(data, limits);
  const notes = new Notes();
  try {
    if (!zip.has('mimetype')) refuse('epub-mimetype', { key: 'import.detail.noMimetype' });
    const mimetype = (await zip.read('mimetype', 1024)).toString('latin1').trim();
    if (mimetype !== 'application/epub+zip') refuse('epub-mimetype', JSON.stringify(mimetype.slice(0, 60)));

    if (!zip.has(CONTAINER)) refuse('epub-damaged', { key: 'import.detail.missing', params: { name: CONTAINER } });
    const container = parseXml(await zip.read(CONTAINER, limits.maxXmlBytes), CONTAINER, limits);
    const rootfiles = descendants(container, 'rootfile');
    const rootfile = rootfiles.find((r) => r.attrs['media-type'] === 'application/oebps-package+xml') ?? rootfiles[0];
    const opfPath = rootfile ? resolveHref('', rootfile.attrs['full-path'] ?? '') : null;
    if (!opfPath) refuse('epub-damaged', { key: 'import.detail.noPackageDocument', params: { name: CONTAINER } });
    if (!zip.has(opfPath)) refuse('epub-damaged', { key: 'import.detail.missing', params: { name: opfPath } });
    const opf = parseXml(await zip.read(opfPath, limits.maxXmlBytes), opfPath, limits);
    if (opf.name !== 'package') refuse('epub-damaged', { key: 'import.detail.notPackage', params: { name: opfPath } });
    const opfDir = path.posix.dirname(opfPath) === '.' ? '' : path.posix.dirname(opfPath);

    const metadata = firstElement(opf, 'metadata') ?? { name: 'metadata', attrs: {}, children: [] };
    const manifest = readManifest(opf, opfDir);
    const spine = firstElement(opf, 'spine');
    const spineItems = spine ? elements(spine, 'itemref').map((ref) => manifest.byId.get(ref.attrs.idref ?? '')) : [];
    if (spineItems.length === 0) refuse('epub-no-content', { key: 'import.detail.emptySpine' });

    // Text of each spine item, in order; one "page" per item.
    const pages: string[] = [];
    const missing: string[] = [];
    let contentDocs = 0;
    for (const item of spineItems) {
      const text = await spineText(zip, item, limits, notes, missing);
      if (text !== null) contentDocs++;
      pages.push(text ?? '');
    }
    if (contentDocs === 0) {
      const names = `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`;
      refuse('epub-no-content', missing.length > 0 ? { key: 'import.detail.noSpineItemMissing', params: { names } } : { key: 'import.detail.noSpineItem' });
    }
    const { text, pageStarts } = joinPages(pages);

    const toc = await tableOfContents(zip, manifest, spine, opfDir, limits, notes);
    const cover = await coverImage(zip, manifest, metadata, notes);

    const dc = (name: string) => elements(metadata, name).map((e) => textOf(e)).filter(Boolean);
    const declaredLanguage = dc('language')[0] ?? null;
    const guess = guessVietnamese(text);
    let language = declaredLanguage;
    if (guess.vietnamese && !/^vi\b/i.test(declaredLanguage ?? '')) {
      language = 'vi';
      notes.add('language', { key: 'import.note.language', params: { declared: JSON.stringify(declaredLanguage), share: (guess.share * 100).toFixed(0) } });
    }
    const uniqueId = opf.attrs['unique-identifier'];
    const identifiers = elements(metadata, 'identifier');
    const identifier = identifiers.find((e) => uniqueId && e.attrs.id === uniqueId) ?? identifiers[0];
    const description = elements(metadata, 'description').map((e) => textOf(e)).find(Boolean) ?? null;
    return {
      format: 'epub',
      mediaType: 'application/epub+zip',
      sha256: meta.sha256,
      size: meta.size,
      text,
      pageStarts,
      pageCount: pages.length,
      metadata: {
        title: dc('title')[0] ?? null,
        authors: dc('creator'),
        subject: dc('subject').join('; ') || null,
        keywords: null,
        declaredLanguage,
        language,
        publisher: dc('publisher')[0] ?? null,
        description: description ? stripTags(description) : null,
        date: isoDate(dc('date')[0] ?? null),
        identifier: identifier ? textOf(identifier) || null : null,
      },
      toc,
      cover,
      needsOcr: false,
      notes: notes.list,
    };
  } finally {
    zip.close();
  }
}

class Notes {
  readonly list: MessageRef[] = [];
  private readonly counts = new Map<string, number>();

  add(kind: string, note: MessageRef): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= MAX_NOTES_PER_KIND) this.list.push(note);
    else if (count === MAX_NOTES_PER_KIND + 1) this.list.push({ key: 'import.note.more', params: { kind } });
  }
}

/**
 * An href resolved against a folder inside the zip: fragment and query dropped, percent-decoded,
 * normalised. Null when it is external (has a scheme) or climbs out of the archive.
 */
export function resolveHref(baseDir: string, href: string): string | null {
  const bare = href.replace(/[#?].*$/s, '').trim();
  if (bare === '' || /^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('/')) return null;
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // not percent-encoded after all
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const joined = path.posix.normalize(path.posix.join(baseDir || '.', decoded));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return null;
  return joined;
}

/** A zip entry name for a resolved path, tolerating NFC/NFD differences in file names. */
function entryName(zip: BoundedZip, resolved: string | null): string | null {
  if (!resolved) return null;
  for (const candidate of [resolved, resolved.normalize('NFC'), resolved.normalize('NFD')]) if (zip.has(candidate)) return candidate;
  return null;
}

function readManifest(opf: XmlElement, opfDir: string) {
  const byId = new Map<string, ManifestItem>();
  const items: ManifestItem[] = [];
  const manifest = firstElement(opf, 'manifest');
  for (const item of manifest ? elements(manifest, 'item') : []) {
    const href = item.attrs.href ?? '';
    const entry: ManifestItem = {
      id: item.attrs.id ?? '',
      href,
      path: resolveHref(opfDir, href),
      mediaType: (item.attrs['media-type'] ?? '').trim().toLowerCase(),
      properties: (item.attrs.properties ?? '').split(/\s+/).filter(Boolean),
    };
    items.push(entry);
    if (entry.id && !byId.has(entry.id)) byId.set(entry.id, entry);
  }
  return { byId, items };
}

const XHTML_TYPES = new Set(['application/xhtml+xml', 'text/html', 'application/xml', 'text/xml']);

function isContentDocument(item: ManifestItem): boolean {
  return XHTML_TYPES.has(item.mediaType) || /\.(x?html?|xml)$/i.test(item.path ?? '');
}

/** The text of one spine item; null when it is missing or not a content document. */
async function spineText(
  zip: BoundedZip,
  item: ManifestItem | undefined,
  limits: ExtractLimits,
  notes: Notes,
  missing: string[],
): Promise<string | null> {
  if (!item) {
    notes.add('spine', { key: 'import.note.spineUnknownItem' });
    return null;
  }
  if (!isContentDocument(item)) return null;
  const name = entryName(zip, item.path);
  if (!name) {
    missing.push(item.href);
    notes.add('missing', { key: 'import.note.missingFile', params: { name: item.href } });
    return null;
  }
  const markup = decodeXmlBytes(await zip.read(name));
  checkXmlSafety(markup, name, { maxXmlBytes: limits.maxEntryBytes, maxXmlDepth: limits.maxXmlDepth });
  const valid = XMLValidator.validate(markup, { allowBooleanAttributes: true });
  if (valid !== true) notes.add('xhtml', { key: 'import.note.malformedXhtml', params: { name, error: valid.err.msg, line: valid.err.line } });
  return xhtmlToText(markup);
}

async function tableOfContents(
  zip: BoundedZip,
  manifest: ReturnType<typeof readManifest>,
  spine: XmlElement | undefined,
  opfDir: string,
  limits: ExtractLimits,
  notes: Notes,
): Promise<TocEntry[]> {
  const nav = manifest.items.find((item) => item.properties.includes('nav'));
  if (nav) {
    try {
      const entries = await navToc(zip, nav, opfDir, limits);
      if (entries.length > 0) return entries;
    } catch (error) {
      if (isHostile(error)) throw error;
      notes.add('toc', { key: 'import.note.navUnreadable', params: { error: (error as Error).message } });
    }
  }
  const ncx = manifest.byId.get(spine?.attrs.toc ?? '') ?? manifest.items.find((item) => item.mediaType === 'application/x-dtbncx+xml');
  if (ncx) {
    try {
      return await ncxToc(zip, ncx, opfDir, limits);
    } catch (error) {
      if (isHostile(error)) throw error;
      notes.add('toc', { key: 'import.note.ncxUnreadable', params: { error: (error as Error).message } });
    }
  }
  return [];
}

/** A hostile document (entity bomb, deep nesting, zip bomb) refuses the whole book. */
function isHostile(error: unknown): boolean {
  return error instanceof ImportRefusal && ['xml-unsafe', 'xml-too-deep', 'xml-too-large', 'zip-too-large', 'zip-damaged'].includes(error.code);
}

/** href relative to the package folder, keeping the fragment. */
function packageHref(docDir: string, href: string, opfDir: string): string | null {
  const resolved = resolveHref(docDir, href);
  if (!resolved) return null;
  const fragment = /#.*$/s.exec(href)?.[0] ?? '';
  return path.posix.relative(opfDir || '.', resolved) + fragment;
}

async function navToc(zip: BoundedZip, nav: ManifestItem, opfDir: string, limits: ExtractLimits): Promise<TocEntry[]> {
  const name = entryName(zip, nav.path);
  if (!name) throw new Error(`missing ${nav.href}`);
  const doc = parseXml(await zip.read(name, limits.maxXmlBytes), name, limits);
  const navs = descendants(doc, 'nav');
  const toc = navs.find((n) => (n.attrs.type ?? '').split(/\s+/).includes('toc')) ?? navs[0];
  const list = toc ? descendants(toc, 'ol')[0] : undefined;
  const entries: TocEntry[] = [];
  const docDir = path.posix.dirname(name) === '.' ? '' : path.posix.dirname(name);
  const walk = (ol: XmlElement, level: number) => {
    for (const li of elements(ol, 'li')) {
      if (entries.length >= MAX_TOC_ENTRIES) return;
      const label = elements(li).find((e) => e.name === 'a' || e.name === 'span');
      if (label) {
        const href = label.name === 'a' ? label.attrs.href ?? null : null;
        entries.push({ title: textOf(label) || label.attrs.title || '', level, href: href ? packageHref(docDir, href, opfDir) : null });
      }
      const child = firstElement(li, 'ol');
      if (child) walk(child, level + 1);
    }
  };
  if (list) walk(list, 1);
  return entries;
}

async function ncxToc(zip: BoundedZip, ncx: ManifestItem, opfDir: string, limits: ExtractLimits): Promise<TocEntry[]> {
  const name = entryName(zip, ncx.path);
  if (!name) throw new Error(`missing ${ncx.href}`);
  const doc = parseXml(await zip.read(name, limits.maxXmlBytes), name, limits);
  const navMap = descendants(doc, 'navMap')[0];
  const entries: TocEntry[] = [];
  const docDir = path.posix.dirname(name) === '.' ? '' : path.posix.dirname(name);
  const walk = (parent: XmlElement, level: number) => {
    for (const point of elements(parent, 'navPoint')) {
      if (entries.length >= MAX_TOC_ENTRIES) return;
      const label = firstElement(point, 'navLabel');
      const src = firstElement(point, 'content')?.attrs.src;
      entries.push({ title: label ? textOf(label) : '', level, href: src ? packageHref(docDir, src, opfDir) : null });
      walk(point, level + 1);
    }
  };
  if (navMap) walk(navMap, 1);
  return entries;
}

/** The cover image, stored as-is when it is a JPEG, PNG, GIF, WebP or SVG. */
async function coverImage(
  zip: BoundedZip,
  manifest: ReturnType<typeof readManifest>,
  metadata: XmlElement,
  notes: Notes,
): Promise<ExtractedCover | null> {
  const isImage = (item: ManifestItem) => item.mediaType.startsWith('image/');
  let item = manifest.items.find((i) => i.properties.includes('cover-image'));
  if (!item) {
    const metaCover = elements(metadata, 'meta').find((m) => m.attrs.name === 'cover')?.attrs.content;
    if (metaCover) item = manifest.byId.get(metaCover) ?? manifest.items.find((i) => i.href === metaCover);
  }
  item ??= manifest.items.find((i) => isImage(i) && (/cover/i.test(i.id) || /cover/i.test(path.posix.basename(i.href))));
  if (!item) return null;
  const name = entryName(zip, item.path);
  if (!name) {
    notes.add('cover', { key: 'import.note.coverMissing', params: { name: item.href } });
    return null;
  }
  let bytes: Buffer;
  try {
    bytes = await zip.read(name, MAX_COVER_BYTES);
  } catch (error) {
    if (error instanceof ImportRefusal && error.code !== 'zip-too-large') throw error;
    notes.add('cover', { key: 'import.note.coverTooLarge', params: { name: item.href } });
    return null;
  }
  const mediaType = imageType(bytes);
  if (!mediaType) {
    notes.add('cover', { key: 'import.note.coverUnsupported', params: { name: item.href, type: item.mediaType } });
    return null;
  }
  if (mediaType !== item.mediaType) notes.add('cover', { key: 'import.note.coverMismatch', params: { declared: item.mediaType, actual: mediaType } });
  return { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), mediaType };
}

/** The image type by its first bytes (not by what the manifest claims). */
export function imageType(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = b.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<') && /<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

/** "2011-04-22", "2011-04", "2011", or an xsd:dateTime → ISO date; anything else as found. */
function isoDate(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!match) return value.trim() || null;
  return [match[1], match[2], match[3]].filter(Boolean).join('-');
}

/** Descriptions are sometimes escaped HTML. */
function stripTags(text: string): string {
  return text.includes('<') ? xhtmlToText(text).replace(/\s*\n\s*/g, '\n') : text;
}
