/**
 * Sync benchmark, texts (issue 11): a folder feed of N publications whose text objects carry real
 * gazette texts (../shared/corpora/legal/catalog: mean ~70 KB, median ~42 KB, a tail to ~1.2 MB;
 * each made unique by its own first line), applied to an empty station in a child process
 * (tests/bench/measure-sync-texts.ts), beside the same texts indexed directly with saveDocuments
 * in the same child. Run for a small and a large N, so the peaks show whether memory grows with
 * the feed. Also: the bytes of text a feed carries per publication against its PDF, on the
 * gazette PDFs of the corpora imported and published by a hub.
 */
import { createPublicKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateKeyPair, keyIdOf, loadPrivateKey } from '../../catalog/feed/keys.js';
import { signRoot } from '../../catalog/feed/root.js';
import { writeSnapshotFile } from '../../catalog/feed/snapshot-file.js';
import { encodeTextObject, textObjectPath } from '../../catalog/feed/text-object.js';
import type { TextContent } from '../../catalog/feed/text-object.js';
import { publish } from '../../catalog/feed/publish.js';
import { importFiles } from '../../catalog/import/importer.js';
import { Library } from '../../catalog/library.js';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { parseStructure } from '../../shared/legal/structure.js';
import type { Section } from '../../shared/legal/structure.js';
import { benchPublication } from './sync-apply.js';

/** The gazette texts (all, or the first `limit`) with their structure, parsed once. */
export function gazetteTexts(corpora: string, limit = Infinity): { text: string; sections: Section[] }[] {
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(corpora, 'legal/catalog/fulltext.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean).slice(0, limit);
  return lines.map((line) => {
    const text = (JSON.parse(line) as { full_text: string }).full_text.normalize('NFC');
    return { text, sections: parseStructure(text) };
  });
}

/** Publication i's text: gazette text i mod 412 behind a first line of its own, sections shifted to match. */
export function benchText(texts: { text: string; sections: Section[] }[], i: number): TextContent {
  const base = texts[i % texts.length];
  const head = `Văn bản thử số ${i}\n`;
  return {
    text: head + base.text,
    pageStarts: [0],
    pageCount: 1,
    sections: base.sections.map((s) => ({ ...s, start: s.start + head.length, end: s.end + head.length })),
  };
}

/** A folder feed: a snapshot of `count` publications, each naming its text object under texts/. */
export function buildTextFeed(dir: string, count: number, texts: { text: string; sections: Section[] }[]) {
  const keys = generateKeyPair(path.join(dir, 'keys'));
  const feed = path.join(dir, 'feed');
  let textBytes = 0;
  let objectBytes = 0;
  const publications = function* () {
    for (let i = 1; i <= count; i += 1) {
      const content = benchText(texts, i);
      const object = encodeTextObject(content);
      const file = path.join(feed, ...textObjectPath(object.sha256).split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, object.bytes);
      textBytes += Buffer.byteLength(content.text);
      objectBytes += object.size;
      yield { ...benchPublication(i), text: { sha256: object.sha256, size: object.size } };
    }
  };
  const snapshot = writeSnapshotFile(feed, count, count, publications());
  const privateKey = loadPrivateKey(keys.privateKeyPath);
  const now = Date.now();
  const signed = signRoot(
    {
      format: 'tu-sach-feed/1',
      sequence: 1,
      keyId: keyIdOf(createPublicKey(privateKey)),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
      pages: [],
      snapshot: { ...snapshot, sequence: 1, lastChange: count },
      opds: { path: 'opds/root.json' },
    },
    privateKey,
  );
  fs.mkdirSync(path.join(feed, 'signatures'), { recursive: true });
  fs.writeFileSync(path.join(feed, signed.signaturePath), signed.signature);
  fs.writeFileSync(path.join(feed, 'root.json'), signed.bytes);
  return { feed, publicKeyPath: keys.publicKeyPath, textBytes, objectBytes };
}

export interface SyncTextsFigures {
  publications: number;
  textMB: number;
  objectMB: number;
  syncSeconds: number;
  syncPeakRssMB: number;
  startRssMB: number;
  baselineSeconds: number;
  ratio: number;
}

/** Builds a text feed of `count` publications and measures it in a child process. */
export function benchSyncTexts(corpora: string, count: number): SyncTextsFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-texts-'));
  try {
    const built = buildTextFeed(dir, count, gazetteTexts(corpora));
    const measured = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'tests/bench/measure-sync-texts.ts'), dir, built.feed, built.publicKeyPath, corpora], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      }),
    ) as Pick<SyncTextsFigures, 'syncSeconds' | 'syncPeakRssMB' | 'startRssMB' | 'baselineSeconds'>;
    return { publications: count, textMB: built.textBytes / 1024 / 1024, objectMB: built.objectBytes / 1024 / 1024, ...measured, ratio: measured.syncSeconds / measured.baselineSeconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface TextCarriage {
  publications: number;
  pdfBytes: number;
  textObjectBytes: number;
  /** Mean bytes of text object per publication, and as a share of its PDF. */
  perPublication: number;
  share: number;
}

/** What texts add to a feed on real documents: the gazette PDFs imported and published by a hub. */
export async function benchTextCarriage(corpora: string): Promise<TextCarriage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-carriage-'));
  try {
    const hub = await Library.open(path.join(dir, 'hub'));
    await importFiles(hub, [path.join(corpora, 'pdf/vn-congbao')], { cover: false });
    const keys = generateKeyPair(path.join(dir, 'keys'));
    const published = await publish(hub, { outDir: path.join(dir, 'feed'), privateKey: loadPrivateKey(keys.privateKeyPath) });
    const pdfBytes = hub.db.prepare("SELECT sum(size) FROM files WHERE media_type = 'application/pdf'").pluck().get() as number;
    const publications = hub.db.prepare('SELECT count(*) FROM publications').pluck().get() as number;
    hub.close();
    return { publications, pdfBytes, textObjectBytes: published.textBytes, perPublication: published.textBytes / publications, share: published.textBytes / pdfBytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

