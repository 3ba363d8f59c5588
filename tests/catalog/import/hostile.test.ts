// Hostile and broken inputs (security notes, cases 10–12): zip bombs, zip-slip names, entity
// bombs and deep nesting are refused before they are inflated, expanded or parsed, with memory
// bounded, and the catalog and the disk are left as they were. Every file here is made by the
// test; nothing hostile is committed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../../catalog/import/errors.js';
import type { RefusalCode } from '../../../catalog/import/errors.js';
import { extractFile } from '../../../catalog/import/extract-file.js';
import { documentOptions } from '../../../catalog/import/pdf.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { checkXmlSafety, maxDepth, parseXml } from '../../../catalog/import/xml.js';
import { BoundedZip, unsafeEntryName } from '../../../catalog/import/zip.js';
import { countPublications } from '../../../catalog/publications.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary, tempLibrary } from '../../helpers/temp-library.js';
import { BILLION_LAUGHS, CHAPTER, makeEpub, makePdf, makeZip, onePagePdf, opf, zeroBomb } from './helpers.js';

async function refusalOf(promise: Promise<unknown>): Promise<ImportRefusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function writeTemp(name: string, data: Buffer): string {
  const dir = tempDir('bookshelf-hostile-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Runs `fn` while sampling this process's memory; returns the peak growth in MB. */
async function peakGrowthMb(fn: () => Promise<unknown>): Promise<number> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers + m.external;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    await fn().catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, used());
  return (peak - base) / 1024 / 1024;
}

describe('zip bombs (case 10)', () => {
  it('refuses an entry whose declared size is over the cap, before inflating anything', async () => {
    const bomb = makeZip([
      { name: 'mimetype', data: 'application/epub+zip' },
      { name: 'META-INF/container.xml', deflated: zeroBomb(1024), declaredSize: 1024 * 1024 * 1024 },
    ]);
    const refusal = await refusalOf(extractFile(writeTemp('bomb.epub', bomb)));
    expect(refusal.code).toBe('zip-too-large');
    // Refused on the size the archive declares (the reason names it), not on bytes streamed.
    expect(refusal.info.detail).toMatch(/^META-INF\/container\.xml: 1073741824 byte > \d+$/);
  });

  it('aborts an entry that inflates past its under-declared size, with memory bounded', async () => {
    // 1 GB of zeros that claims to be 600 bytes: only the streamed byte count can catch it.
    const bomb = makeZip([
      { name: 'mimetype', data: 'application/epub+zip' },
      { name: 'META-INF/container.xml', deflated: zeroBomb(1024), declaredSize: 600 },
    ]);
    const file = writeTemp('under-declared.epub', bomb);
    let refusal: ImportRefusal | null = null;
    const growth = await peakGrowthMb(async () => {
      refusal = await refusalOf(extractFile(file));
    });
    expect(refusal!.code).toBe('zip-damaged');
    expect(refusal!.message).toMatch(/declared|khai báo/);
    expect(growth).toBeLessThan(64);
  });

  it('stops at the archive-wide cap on bytes actually streamed, over many honest entries', async () => {
    const chapter = (n: number) => `<html><body><p>${'chữ '.repeat(300_000)}${n}</p></body></html>`; // ~1.5 MB each
    const spine = [1, 2, 3, 4, 5, 6].map((n) => `<itemref idref="p${n}"/>`).join('');
    const manifest = [1, 2, 3, 4, 5, 6].map((n) => `<item id="p${n}" href="p${n}.xhtml" media-type="application/xhtml+xml"/>`).join('');
    const epub = makeEpub({
      opf: opf({ manifest, spine }),
      extra: [1, 2, 3, 4, 5, 6].map((n) => ({ name: `OEBPS/p${n}.xhtml`, data: chapter(n) })),
    });
    const refusal = await refusalOf(extractFile(writeTemp('many.epub', epub), { limits: { maxUnpackedBytes: 5 * 1024 * 1024 } }));
    expect(refusal.code).toBe('zip-too-large');
    expect(refusal.message).toMatch(/total/);
  });

  it('leaves the catalog unchanged when a bomb is imported through the worker', async () => {
    const library = await tempLibrary();
    const bomb = makeZip([
      { name: 'mimetype', data: 'application/epub+zip' },
      { name: 'META-INF/container.xml', deflated: zeroBomb(2048), declaredSize: 600 },
    ]);
    const summary = await importFiles(library, [writeTemp('bomb.epub', bomb)], { memoryMb: 128 });
    expect(summary.refused.map((r) => r.code)).toEqual(['zip-damaged']);
    expect(countPublications(library.db)).toBe(0);
    expect(fs.readdirSync(library.files.root).filter((name) => name !== 'tmp')).toEqual([]);
  });
});

describe('zip-slip and hostile names (case 11)', () => {
  const cases: [string, string | Buffer][] = [
    ['a ".." segment', 'OEBPS/../../x'],
    ['an absolute path', '/etc/x'],
    ['a drive letter', 'C:/x'],
    ['a backslash', 'C:\\x'],
    ['a NUL byte', Buffer.from('OEBPS/a\0.xhtml', 'latin1')],
  ];
  for (const [what, name] of cases) {
    it(`refuses an entry with ${what}, writing nothing`, async () => {
      const dir = tempDir('bookshelf-slip-');
      const file = path.join(dir, 'slip.epub');
      fs.writeFileSync(file, makeEpub({ extra: [{ name, data: 'pwned' }] }));
      const before = fs.readdirSync(dir);
      const refusal = await refusalOf(extractFile(file));
      expect(refusal.code).toBe('zip-unsafe-name');
      expect(fs.readdirSync(dir)).toEqual(before);
      expect(fs.existsSync('/etc/x')).toBe(false);
      expect(fs.existsSync(path.join(dir, '..', 'x'))).toBe(false);
    });
  }

  it('refuses names equal but for case, and symbolic links', async () => {
    const dup = await refusalOf(extractFile(writeTemp('dup.epub', makeEpub({ extra: [{ name: 'oebps/CH1.xhtml', data: CHAPTER }] }))));
    expect(dup.code).toBe('zip-unsafe-name');
    expect(dup.message).toMatch(/duplicate/);
    const link = await refusalOf(extractFile(writeTemp('link.epub', makeEpub({ extra: [{ name: 'OEBPS/link', data: '/etc/passwd', unixMode: 0o120777 }] }))));
    expect(link.code).toBe('zip-unsafe-name');
    expect(link.message).toMatch(/symlink/);
  });

  it('names what is wrong with a name', () => {
    expect(unsafeEntryName('OEBPS/ch1.xhtml')).toBeNull();
    expect(unsafeEntryName('a/../b')).toEqual({ key: 'import.unsafeName.parent' });
    expect(unsafeEntryName('..')).toEqual({ key: 'import.unsafeName.parent' });
    expect(unsafeEntryName('a/..b')).toBeNull();
  });

  it('leaves the catalog and the disk unchanged when importing a zip-slip book', async () => {
    const root = tempDir('bookshelf-slip-lib-');
    const library = await openTestLibrary(path.join(root, 'library'));
    const incoming = path.join(root, 'incoming');
    fs.mkdirSync(incoming);
    fs.writeFileSync(path.join(incoming, 'slip.epub'), makeEpub({ extra: [{ name: '../../evil.txt', data: 'pwned' }] }));
    const before = fs.readdirSync(root, { recursive: true }).sort();
    const summary = await importFiles(library, [incoming]);
    expect(summary.refused).toHaveLength(1);
    expect(summary.refused[0].code).toBe('zip-unsafe-name');
    expect(countPublications(library.db)).toBe(0);
    const after = fs.readdirSync(root, { recursive: true }).sort().filter((f) => !String(f).includes('catalog.sqlite'));
    expect(after).toEqual(before.filter((f) => !String(f).includes('catalog.sqlite')));
    expect(fs.existsSync(path.join(root, '..', 'evil.txt'))).toBe(false);
  });
});

describe('XML attacks (case 12)', () => {
  // 'xml-unsafe' and 'xml-too-deep' come only from the check that runs before any parser sees the
  // text (catalog/import/xml.ts): those codes say nothing was expanded or parsed.
  const refusedAs = async (epub: Buffer): Promise<RefusalCode> => (await refusalOf(extractFile(writeTemp('x.epub', epub)))).code;

  it('imports sloppy XHTML with 300 unclosed <br>, and its text', async () => {
    const sloppy = CHAPTER.replace('</body>', `<p>${'Dòng thơ<br>'.repeat(300)}</p></body>`);
    const extraction = await extractFile(writeTemp('sloppy.epub', makeEpub({ replace: { 'OEBPS/ch1.xhtml': sloppy } })));
    expect(extraction.text).toContain('Dòng thơ');
  });

  it('refuses billion laughs in the OPF before expanding it', async () => {
    expect(await refusedAs(makeEpub({ opf: opf({ prolog: BILLION_LAUGHS, title: '&lol9;' }) }))).toBe('xml-unsafe');
  });

  it('refuses a large repeated entity, and an entity in container.xml or in a chapter', async () => {
    const big = `<!DOCTYPE package [<!ENTITY big "${'x'.repeat(100_000)}">]>`;
    expect(await refusedAs(makeEpub({ opf: opf({ prolog: big, title: '&big;&big;&big;&big;' }) }))).toBe('xml-unsafe');
    const container = `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><container>&x;</container>`;
    expect(await refusedAs(makeEpub({ replace: { 'META-INF/container.xml': container } }))).toBe('xml-unsafe');
    const chapter = CHAPTER.replace('<html', '<!DOCTYPE html [<!ENTITY e "e">]><html');
    expect(await refusedAs(makeEpub({ replace: { 'OEBPS/ch1.xhtml': chapter } }))).toBe('xml-unsafe');
  });

  it('refuses very deep nesting in the OPF and in a chapter before parsing it', async () => {
    const deep = '<x>'.repeat(100_000) + '</x>'.repeat(100_000);
    expect(await refusedAs(makeEpub({ opf: opf({ extraMetadata: deep }) }))).toBe('xml-too-deep');
    expect(await refusedAs(makeEpub({ replace: { 'OEBPS/ch1.xhtml': `<html><body>${'<div>'.repeat(50_000)}x</body></html>` } }))).toBe('xml-too-deep');
  });

  it('accepts an ordinary external DOCTYPE (never fetched) and counts depth correctly', () => {
    expect(() => checkXmlSafety(CHAPTER, 'ch1.xhtml')).not.toThrow();
    expect(maxDepth('<a><b/><c x="<d>"><!-- <e> --><![CDATA[<f>]]></c></a>')).toBe(2);
    // Void elements are no nesting, written sloppily unclosed or with an end tag.
    expect(maxDepth(`<html><body><p>${'dòng<br>'.repeat(300)}<img src="a.png"><BR></br><xhtml:hr></p></body></html>`)).toBe(3);
    expect(maxDepth('<package><metadata><meta property="x">v</meta><meta name="cover" content="c"/></metadata></package>')).toBe(2);
    const root = parseXml('<?xml version="1.0"?><opf:package xmlns:opf="x"><dc:title xmlns:dc="y">A &amp; B&#33;</dc:title></opf:package>', 'test');
    expect(root.name).toBe('package');
    expect(root.children.find((c) => typeof c !== 'string')).toMatchObject({ name: 'title', children: ['A & B!'] });
  });
});

describe('broken archives', () => {
  it('refuses a split-zip segment and a truncated download with their own reasons', async () => {
    const epub = makeEpub();
    const segment = Buffer.concat([Buffer.from('PK\x07\x08', 'latin1'), epub.subarray(0, 2000)]);
    expect((await refusalOf(extractFile(writeTemp('book.z01', segment)))).code).toBe('zip-split');
    expect((await refusalOf(extractFile(writeTemp('book.zip', segment)))).code).toBe('zip-split');
    const truncated = await refusalOf(extractFile(writeTemp('cut.epub', epub.subarray(0, Math.floor(epub.length * 0.7)))));
    expect(truncated.code).toBe('zip-truncated');
    expect(truncated.message).toContain('truncated file');
  });

  it('refuses a wrong mimetype, a missing container and a file that is not what its name says', async () => {
    expect((await refusalOf(extractFile(writeTemp('m.epub', makeEpub({ replace: { mimetype: 'application/zip' } }))))).code).toBe('epub-mimetype');
    const noContainer = makeZip([{ name: 'mimetype', data: 'application/epub+zip' }]);
    expect((await refusalOf(extractFile(writeTemp('c.epub', noContainer)))).code).toBe('epub-damaged');
    expect((await refusalOf(extractFile(writeTemp('fake.pdf', Buffer.from('hello, not a pdf'))))).code).toBe('not-pdf');
    expect((await refusalOf(extractFile(writeTemp('fake.epub', Buffer.from('%PDF-1.4 no'))))).code).toBe('not-epub');
    expect((await refusalOf(extractFile(writeTemp('empty.pdf', Buffer.alloc(0))))).code).toBe('not-pdf');
  });

  it('opens a well-formed archive through BoundedZip and reads an entry', async () => {
    const zip = await BoundedZip.open(makeEpub());
    try {
      expect(zip.has('OEBPS/ch1.xhtml')).toBe(true);
      expect((await zip.read('mimetype')).toString()).toBe('application/epub+zip');
    } finally {
      zip.close();
    }
  });
});

describe('hostile PDFs (cases 13–14)', () => {
  it('opens every PDF without eval, with bounded images, no system fonts or XFA, on a patched pdf.js', async () => {
    const options = documentOptions(new Uint8Array(0));
    expect(options).toMatchObject({ isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false });
    expect(options.maxImageSize).toBeGreaterThan(0);
    expect(options.standardFontDataUrl).toMatch(/standard_fonts[\\/]$/);
    const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'package.json'), 'utf8')) as { version: string };
    const [major, minor, patch] = version.split('.').map(Number);
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(4 * 1e6 + 2 * 1e3 + 67); // CVE-2024-4367 fixed in 4.2.67
  });

  it('imports a page with a giant image without decoding it', async () => {
    // 3.6 billion pixels declared, 10 bytes given: skipped under maxImageSize (checked above); the
    // page's text and cover still come.
    const file = writeTemp('giant.pdf', onePagePdf('Dieu 1. Pham vi', { width: 60_000, height: 60_000 }));
    const result = await extractFile(file);
    expect(result.text).toContain('Dieu 1. Pham vi');
    expect(result.cover?.mediaType).toBe('image/png');
  });

  it('refuses a PDF with no pages', async () => {
    const empty = makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    const refusal = await refusalOf(extractFile(writeTemp('empty.pdf', empty)));
    expect(refusal.code).toBe('no-pages');
    expect(refusal.info).toEqual({ code: 'no-pages' });
  });
});
