/**
 * This station's Ed25519 key pair, made on first need (node:crypto): the private key in
 * `<library>/station-key.pem` (PKCS#8 PEM, created with mode 0600 and put in place whole by
 * catalog/store/atomic-write.ts), the public key derived from it when needed. The private key
 * never leaves the station: its hub gets the raw public key (base64url) with the enrolment
 * request, and every request the station sends the hub is signed with it
 * (./message-signature.ts, keyid = the station id).
 *
 * A key is the station's identity at its hubs: a new key made while enrolments exist (the file
 * was lost) starts a new station — the enrolments are forgotten and a new station id is made —
 * because a hub keeps the first key it approved for an id and never swaps it.
 */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS, setSetting } from '../db/settings.js';
import { keyIdOf, loadPrivateKey, rawPublicKey } from '../feed/keys.js';
import type { Library } from '../library.js';
import { stationId } from '../outbox/settings.js';
import { replaceFileAtomic } from '../store/atomic-write.js';
import type { MessageSigner } from './message-signature.js';

export const STATION_KEY_FILE = 'station-key.pem';

export interface StationKey extends MessageSigner {
  /** The station id, which is also the signatures' keyid. */
  keyId: string;
  /** The raw 32-byte public key, base64url: what the hub keeps. */
  publicKey: string;
  /** sha256 of the raw public key, hex: what an official reads out to compare both ends. */
  fingerprint: string;
}

const loading = new WeakMap<Library, Promise<KeyObject>>();

/** The station's key (made now if it has none). */
export async function stationKey(library: Library): Promise<StationKey> {
  let pending = loading.get(library);
  if (!pending) {
    pending = loadOrMake(library);
    loading.set(library, pending);
    pending.catch(() => loading.delete(library));
  }
  const privateKey = await pending;
  const publicKey = createPublicKey(privateKey);
  return { keyId: stationId(library), privateKey, publicKey: rawPublicKey(publicKey).toString('base64url'), fingerprint: keyIdOf(publicKey) };
}

export function stationKeyPath(library: Library): string {
  return path.join(library.dir, STATION_KEY_FILE);
}

async function loadOrMake(library: Library): Promise<KeyObject> {
  const file = stationKeyPath(library);
  if (fs.existsSync(file)) return loadPrivateKey(file);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await replaceFileAtomic(file, async (temp) => {
    // Private from the open call on: never readable by others, not even for a moment.
    const handle = await fs.promises.open(temp, 'wx', 0o600);
    try {
      if (process.platform !== 'win32') await handle.chmod(0o600); // a umask only removes bits; this makes the mode exact
      await handle.writeFile(pem);
    } finally {
      await handle.close();
    }
  });
  const enrolled = library.db.prepare('SELECT count(*) FROM station_enrolment').pluck().get() as number;
  if (enrolled > 0) {
    library.db.prepare('DELETE FROM station_enrolment').run();
    setSetting(library.db, SETTINGS.stationId, randomBytes(16).toString('hex'));
  }
  return privateKey;
}
