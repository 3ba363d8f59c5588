/**
 * Stations of the relations spec (issue 15), each on a library of its own so that the shared e2e
 * station keeps its catalog: files imported one batch after another (over the demo set or not)
 * through the real importer, documents placed with their file as a feed describes them, and an
 * official to sign in as; and a hub that imports files and publishes them, signed, to a folder
 * standing for a USB drive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { generateKeyPair, loadPrivateKey } from '../../../catalog/feed/keys.js';
import { publish } from '../../../catalog/feed/publish.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { Library } from '../../../catalog/library.js';
import type { NewPublication } from '../../../catalog/publications.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';

export const RELATIONS_OFFICIAL = { username: 'canbo-hieuluc', displayName: 'Cán bộ tư pháp xã', password: 'mat-khau-hieu-luc', role: 'official' as const };

async function importInTurn(library: Library, batches: string[][]): Promise<void> {
  for (const batch of batches) {
    const { refused } = await importFiles(library, batch, { cover: false });
    if (refused.length > 0) throw new Error(`import refused: ${JSON.stringify(refused)}`);
  }
}

/** A document as a feed describes it (no text), with its content file. */
export interface PlacedDocument {
  publication: NewPublication;
  file: string;
  mediaType: string;
}

interface StationContents {
  demo: boolean;
  batches: string[][];
  placed?: PlacedDocument[];
}

/** A station on `dir`: the demo set when asked, each batch of files imported in turn, the documents placed; started on a free port. */
export async function stationWith(dir: string, { demo, batches, placed = [] }: StationContents): Promise<RunningStation> {
  const library = await Library.open(dir);
  if (demo) await loadDemoIfEmpty(library);
  await importInTurn(library, batches);
  for (const { publication, file, mediaType } of placed) {
    const stored = await library.files.putFile(file);
    saveDocuments(library.db, [{ publication, files: [{ ...stored, mediaType, state: 'present', role: 'content' }] }]);
  }
  await new Accounts(library.db).create(RELATIONS_OFFICIAL);
  library.close();
  return startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
}

/** A hub on `dir` imports `files` and publishes its feed into `usbDir`/feed: where the feed is and the key that signs it. */
export async function publishedHub(dir: string, usbDir: string, files: string[]): Promise<{ feedDir: string; publicKey: string }> {
  const hub = await Library.open(path.join(dir, 'library'));
  try {
    await importInTurn(hub, [files]);
    const keys = generateKeyPair(path.join(dir, 'keys'));
    const feedDir = path.join(usbDir, 'feed');
    await publish(hub, { outDir: feedDir, privateKey: loadPrivateKey(keys.privateKeyPath) });
    return { feedDir, publicKey: fs.readFileSync(keys.publicKeyPath, 'utf8') };
  } finally {
    hub.close();
  }
}
