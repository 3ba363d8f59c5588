/**
 * A bounded, read-only view of a ZIP archive (an EPUB) held in memory, on top of yauzl.
 *
 * Opening checks every entry name (no `..` segment, absolute path, drive letter, backslash,
 * NUL or control character, symbolic link, or two names equal ignoring case), the entry count
 * and encryption, and tells a split-archive segment and a truncated download apart from other
 * damage. Reading an entry counts the bytes actually inflated — declared sizes can lie — and
 * aborts past the entry's declared size, the per-entry cap or the archive-wide cap. Nothing is
 * ever written to disk.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { MessageRef } from '../../shared/messages.js';
import { ImportRefusal, refuse } from './errors.js';
import { DEFAULT_LIMITS } from './types.js';

export interface ZipLimits {
  maxUnpackedBytes: number;
  maxEntryBytes: number;
  maxEntries: number;
}

const SPANNED_MARKERS = [0x08074b50, 0x30304b50]; // "PK\x07\x08", "PK00": first bytes of a split archive

/** The first segment of a split or spanned archive, by its signature. */
export function isSplitZipSegment(head: Uint8Array): boolean {
  if (head.byteLength < 4) return false;
  const signature = Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0);
  return SPANNED_MARKERS.includes(signature);
}

/** Why a name is unsafe, or null. */
export function unsafeEntryName(name: string): MessageRef | null {
  if (name.includes('\0')) return { key: 'import.unsafeName.nul' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(name)) return { key: 'import.unsafeName.control' };
  if (name.includes('\\')) return { key: 'import.unsafeName.backslash' };
  if (/^[A-Za-z]:/.test(name)) return { key: 'import.unsafeName.drive' };
  if (name.startsWith('/')) return { key: 'import.unsafeName.absolute' };
  if (name.split('/').includes('..')) return { key: 'import.unsafeName.parent' };
  return null;
}

export interface ZipEntryInfo {
  name: string;
  /** Declared uncompressed size (not trusted). */
  size: number;
  entry: Entry;
}

export class BoundedZip {
  private unpacked = 0;

  private constructor(
    private readonly zip: ZipFile,
    readonly entries: Map<string, ZipEntryInfo>,
    private readonly limits: ZipLimits,
  ) {}

  /** Bytes inflated so far, over all reads. */
  get unpackedBytes(): number {
    return this.unpacked;
  }

  static async open(data: Buffer, limits: ZipLimits = DEFAULT_LIMITS): Promise<BoundedZip> {
    if (isSplitZipSegment(data)) refuse('zip-split');
    let zip: ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (error) {
      throw openError(error as Error, data);
    }
    try {
      if (zip.entryCount > limits.maxEntries) refuse('zip-too-many-entries', `${zip.entryCount} > ${limits.maxEntries}`);
      const entries = await readEntries(zip, limits);
      return new BoundedZip(zip, entries, limits);
    } catch (error) {
      zip.close();
      if (error instanceof ImportRefusal) throw error;
      throw entryError(error as Error);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * The inflated bytes of an entry. Refuses ('zip-too-large') when the declared size or the
   * bytes actually streamed pass `cap` (default: the per-entry cap), or when the archive-wide
   * total would; 'zip-damaged' when an entry inflates past its declared size.
   */
  async read(name: string, cap = this.limits.maxEntryBytes): Promise<Buffer> {
    const info = this.entries.get(name);
    if (!info) refuse('epub-damaged', { key: 'import.detail.missing', params: { name } });
    const limit = Math.min(cap, this.limits.maxEntryBytes);
    if (info.size > limit) refuse('zip-too-large', `${name}: ${info.size} byte > ${limit}`);
    if (this.unpacked + info.size > this.limits.maxUnpackedBytes) {
      refuse('zip-too-large', { key: 'import.detail.totalOver', params: { limit: this.limits.maxUnpackedBytes } });
    }
    const stream = await new Promise<NodeJS.ReadableStream & { destroy(error?: Error): void }>((resolve, reject) =>
      this.zip.openReadStream(info.entry, (error, s) => (error ? reject(entryError(error)) : resolve(s as never))),
    );
    const chunks: Buffer[] = [];
    let size = 0;
    return new Promise<Buffer>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        stream.destroy();
        reject(error instanceof ImportRefusal ? error : entryError(error, name));
      };
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        this.unpacked += chunk.length;
        if (size > info.size) {
          fail(new ImportRefusal('zip-damaged', { key: 'import.detail.unpacksOverDeclared', params: { name, size: info.size } }));
        } else if (size > limit) {
          fail(new ImportRefusal('zip-too-large', `${name}: > ${limit} byte`));
        } else if (this.unpacked > this.limits.maxUnpackedBytes) {
          fail(new ImportRefusal('zip-too-large', { key: 'import.detail.totalOver', params: { limit: this.limits.maxUnpackedBytes } }));
        } else {
          chunks.push(chunk);
        }
      });
      stream.on('error', fail);
      stream.on('end', () => {
        if (!failed) resolve(Buffer.concat(chunks, size));
      });
    });
  }

  close(): void {
    this.zip.close();
  }
}

async function readEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, ZipEntryInfo>> {
  const entries = new Map<string, ZipEntryInfo>();
  const folded = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      try {
        if (entries.size >= limits.maxEntries) refuse('zip-too-many-entries', `> ${limits.maxEntries}`);
        const raw = entry.fileName as unknown as Buffer;
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
        const unsafe = unsafeEntryName(name);
        if (unsafe) refuse('zip-unsafe-name', { key: 'import.detail.unsafeName', params: { name: JSON.stringify(name), why: unsafe } });
        // Unix mode in the high 16 bits of the external attributes: a symbolic link.
        if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) refuse('zip-unsafe-name', { key: 'import.detail.unsafeName', params: { name: JSON.stringify(name), why: { key: 'import.unsafeName.symlink' } } });
        const key = name.normalize('NFC').toLowerCase();
        const clash = folded.get(key);
        if (clash !== undefined) refuse('zip-unsafe-name', { key: 'import.detail.duplicateName', params: { name: JSON.stringify(clash), other: JSON.stringify(name) } });
        folded.set(key, name);
        if (entry.isEncrypted()) refuse('zip-encrypted', name);
        entries.set(name, { name, size: entry.uncompressedSize, entry });
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.readEntry();
  });
  return entries;
}

function openError(error: Error, data: Buffer): ImportRefusal {
  const message = error.message;
  if (/multi-disk/i.test(message)) return new ImportRefusal('zip-split', message);
  if (/End of central directory record signature not found/i.test(message)) {
    // A local file header at the start but no directory at the end: cut short.
    if (data.byteLength >= 4 && data.readUInt32LE(0) === 0x04034b50) return new ImportRefusal('zip-truncated', { key: 'import.detail.noCentralDirectory' });
    return new ImportRefusal('not-epub', { key: 'import.detail.notZip' });
  }
  return new ImportRefusal('zip-damaged', message);
}

function entryError(error: Error, name?: string): ImportRefusal {
  const where = name ? `${name}: ` : '';
  if (/too many bytes in the stream/i.test(error.message)) {
    const unpacksOver: MessageRef = { key: 'import.detail.unpacksOver' };
    return new ImportRefusal('zip-damaged', name ? { key: 'import.detailed', params: { what: name, detail: unpacksOver } } : unpacksOver);
  }
  if (/unexpected EOF|not enough bytes|past the end|exceeds/i.test(error.message)) return new ImportRefusal('zip-truncated', `${where}${error.message}`);
  return new ImportRefusal('zip-damaged', `${where}${error.message}`);
}
