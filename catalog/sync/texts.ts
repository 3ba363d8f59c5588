/**
 * A station's copies of the feed's text objects (docs/feed.md § Texts): which texts it keeps (the
 * officials' fields, types and kinds — not the byte budget, so a document whose file is not kept
 * is still found, down to its article), and fetching objects from a source into the library's
 * text store (`texts/ab/<sha256>`), each checked against the sha256 and size its record gives and
 * decoded with bounds. An object the source does not have, or a bad one, is reported missing (the
 * document is applied without it and its text comes later, from the feed or from its file); a
 * failing source or a full disk stops the run before the batch that needed it.
 */
import fs from 'node:fs/promises';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import type { Library } from '../library.js';
import { sha256Hex } from '../store/hash.js';
import { TextObjectError, decodeTextObject, textObjectPath } from '../feed/text-object.js';
import type { TextContent, TextRef } from '../feed/text-object.js';
import { restrictsPublications, selectionMatcher } from '../../shared/sync.js';
import type { SelectablePublication } from '../../shared/sync.js';
import { readSelection } from './selection.js';
import { writeAtomic } from './stage.js';
import type { OpenWrite } from './stage.js';
import { SourceError } from './source.js';
import type { FeedSource } from './source.js';

/** Text objects fetched at once from a source. */
const FETCH_CONCURRENCY = 4;

/** Whether this station keeps the text of a national publication: the choice of fields, types and kinds. */
export function textWanted(library: Library): (pub: SelectablePublication) => boolean {
  const selection = readSelection(library);
  return restrictsPublications(selection) ? selectionMatcher(selection) : () => true;
}

/** The text object a publication's stored text came from, or null (no text, or one extracted here). */
export function heldTextObject(db: Db, id: string): string | null {
  return (statement(db, 'SELECT object_sha256 FROM publication_texts WHERE publication_id = ?').pluck().get(id) as string | null | undefined) ?? null;
}

export interface TextWant {
  id: string;
  ref: TextRef;
}

export interface FetchedTexts {
  /** Decoded texts by publication id. */
  texts: Map<string, TextContent>;
  /** Publications whose object the source lacks or holds damaged. */
  missing: Set<string>;
  /** Objects fetched from the source (not already in the store) and their bytes. */
  fetched: number;
  bytes: number;
}

/**
 * Runs `work` over `items`, `limit` at a time; the first error stops new work and is thrown once
 * the work in flight has ended, so no write is still going (or its temporary file still there)
 * when the caller hears of it.
 */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const run = async () => {
    while (!failed && next < items.length) {
      await work(items[next++]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, run));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/** The stored object's bytes when they are still the ones named, else null (and a damaged copy is removed). */
async function fromStore(library: Library, ref: TextRef): Promise<Buffer | null> {
  const file = library.texts.pathOf(ref.sha256);
  const bytes = await fs.readFile(file).catch(() => null);
  if (bytes && bytes.length === ref.size && sha256Hex(bytes) === ref.sha256) return bytes;
  if (bytes) await fs.rm(file, { force: true });
  return null;
}

/**
 * Makes sure the text objects of `wants` are in the store (fetching those that are not) and
 * decodes them. Publications sharing an object fetch it once.
 */
export async function fetchTexts(library: Library, source: FeedSource, wants: TextWant[], openWrite?: OpenWrite): Promise<FetchedTexts> {
  const result: FetchedTexts = { texts: new Map(), missing: new Set(), fetched: 0, bytes: 0 };
  const bySha = new Map<string, { ref: TextRef; ids: string[] }>();
  for (const want of wants) {
    const entry = bySha.get(want.ref.sha256) ?? { ref: want.ref, ids: [] };
    entry.ids.push(want.id);
    bySha.set(want.ref.sha256, entry);
  }
  await inPool([...bySha.values()], FETCH_CONCURRENCY, async ({ ref, ids }) => {
    let bytes = await fromStore(library, ref);
    if (!bytes) {
      try {
        const read = await source.read(textObjectPath(ref.sha256), ref.size);
        bytes = read.length === ref.size && sha256Hex(read) === ref.sha256 ? Buffer.from(read) : null;
      } catch (error) {
        if (!(error instanceof SourceError && (error.notFound || error.tooLarge))) throw error;
      }
      if (bytes) {
        // Checked on every read (fromStore), so not fsynced: a copy a power cut tore is fetched again.
        await writeAtomic(library.texts.pathOf(ref.sha256), bytes, openWrite, 'checked');
        result.fetched += 1;
        result.bytes += bytes.length;
      }
    }
    let content: TextContent | null = null;
    if (bytes) {
      try {
        content = decodeTextObject(bytes);
      } catch (error) {
        if (!(error instanceof TextObjectError)) throw error;
        await fs.rm(library.texts.pathOf(ref.sha256), { force: true });
      }
    }
    for (const id of ids) {
      if (content) result.texts.set(id, content);
      else result.missing.add(id);
    }
  });
  return result;
}
