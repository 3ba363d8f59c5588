/**
 * Test helpers for the importer: a minimal ZIP writer that can lie (forged sizes, hostile
 * names, symlink entries), an EPUB builder on top of it, zip-bomb streams, and the demo files
 * (the shared corpora are tests/helpers/corpora.ts's).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PACKAGE_ROOT } from '../../../catalog/package-root.js';

export interface ZipEntrySpec {
  /** Name as a string (UTF-8) or raw bytes (to smuggle a NUL). */
  name: string | Buffer;
  data?: Buffer | string;
  /** Already-compressed deflate data (for bombs); `data` is then ignored. */
  deflated?: Buffer;
  /** The uncompressed size to declare; defaults to the true size. */
  declaredSize?: number;
  /** Store (0) or deflate (8). Default: deflate, except "mimetype". */
  method?: 0 | 8;
  /** Unix mode for the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
}

/** Builds a ZIP archive in memory. Sizes are declared as given, so an entry may lie. */
export function makeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = typeof spec.name === 'string' ? Buffer.from(spec.name, 'utf8') : spec.name;
    const raw = spec.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(spec.data) ? spec.data : Buffer.from(spec.data, 'utf8');
    const method = spec.deflated ? 8 : (spec.method ?? (name.toString() === 'mimetype' ? 0 : 8));
    const body = spec.deflated ?? (method === 8 ? zlib.deflateRawSync(raw) : raw);
    const size = spec.declaredSize ?? raw.length;
    const crc = zlib.crc32(raw);
    const flags = 0x0800; // UTF-8 names
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(spec.unixMode !== undefined ? 0x0314 : 20, 4); // made by Unix when a mode is given
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(spec.unixMode !== undefined ? (spec.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Raw deflate data that inflates to `megabytes` MB of zeros, built from independent
 * full-flushed blocks so it costs almost nothing to make: ~1 KB per MB.
 */
export function zeroBomb(megabytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [];
  for (let i = 0; i < megabytes; i++) parts.push(block);
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** zlib data (as a PDF's /FlateDecode wants it) that inflates to `megabytes` MB of zeros (NUL is white space in a content stream). */
export function zlibBomb(megabytes: number): Buffer {
  const adler = Buffer.alloc(4);
  // Adler-32 of n zero bytes: A stays 1, B adds it n times.
  adler.writeUInt32BE((((megabytes * 1024 * 1024) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), zeroBomb(megabytes), adler]);
}

/** A one-page PDF of ~1 KB per MB whose content stream inflates to `megabytes` MB. */
export function deflateBombPdf(megabytes: number): Buffer {
  const stream = zlibBomb(megabytes);
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]),
  ]);
}

export const CONTAINER_XML = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

export function opf(options: { title?: string; language?: string; prolog?: string; extraMetadata?: string; manifest?: string; spine?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>${options.prolog ?? ''}
<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>${options.title ?? 'Sách thử'}</dc:title>
    <dc:creator>Tác giả</dc:creator>
    <dc:language>${options.language ?? 'vi'}</dc:language>
    <dc:identifier id="id">urn:uuid:test</dc:identifier>${options.extraMetadata ?? ''}
  </metadata>
  <manifest>
    <item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>${options.manifest ?? ''}
  </manifest>
  <spine>${options.spine ?? '<itemref idref="c1"/>'}</spine>
</package>`;
}

export const CHAPTER = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chương một</title><style>p { color: red }</style></head>
<body><h1>Chương một</h1><p>Trăm năm trong cõi người ta,&nbsp;chữ tài chữ mệnh khéo là ghét nhau.</p>
<script>alert("x")</script><p>Trải qua một cuộc bể dâu &#8212; những điều trông thấy mà đau đớn lòng.</p></body></html>`;

export const NAV = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Mục lục</title></head>
<body><nav epub:type="toc"><ol><li><a href="ch1.xhtml">Chương một</a></li></ol></nav></body></html>`;

/** A small valid EPUB; `replace` swaps or adds entries by name, `extra` appends raw entries. */
export function makeEpub(options: { replace?: Record<string, string | Buffer>; extra?: ZipEntrySpec[]; opf?: string } = {}): Buffer {
  const files: Record<string, string | Buffer> = {
    mimetype: 'application/epub+zip',
    'META-INF/container.xml': CONTAINER_XML,
    'OEBPS/content.opf': options.opf ?? opf(),
    'OEBPS/ch1.xhtml': CHAPTER,
    'OEBPS/nav.xhtml': NAV,
    ...options.replace,
  };
  return makeZip([...Object.entries(files).map(([name, data]) => ({ name, data })), ...(options.extra ?? [])]);
}

/** Billion laughs: ten levels of ten references each. */
export const BILLION_LAUGHS = `
<!DOCTYPE package [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>`;

/** The demo set shipped in the repo: five gazette PDFs and Truyện Kiều. */
export const DEMO = (name: string) => path.join(PACKAGE_ROOT, 'catalog', 'demo', name);

/** Worker scripts that misbehave on purpose. */
export const FIXTURE_WORKER = (name: string) => new URL(`../../fixtures/import/${name}`, import.meta.url);

/** All files under a folder, recursively, relative paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/** A PDF from object bodies (numbered from 1; object 1 is the catalog), with a correct xref. */
export function makePdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** One page with a line of text and, optionally, an image XObject of the given declared size. */
export function onePagePdf(text: string, image?: { width: number; height: number }): Buffer {
  const content = `${image ? 'q 600 0 0 800 0 0 cm /Im1 Do Q ' : ''}BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const resources = `<< /Font << /F1 4 0 R >>${image ? ' /XObject << /Im1 5 0 R >>' : ''} >>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    image
      ? `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 10 >>\nstream\n0123456789\nendstream`
      : '<< >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  return makePdf(objects);
}
