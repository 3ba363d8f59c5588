/**
 * The hub's Ed25519 signing keys: making a pair (the private key file readable by its owner
 * only), loading either half with a clear error by reference (AppError), and the key id stations
 * pin — the hex sha256 of the raw 32-byte public key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../store/hash.js';
import { AppError } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';

export const PRIVATE_KEY_FILE = 'feed-private.pem';
export const PUBLIC_KEY_FILE = 'feed-public.pem';

export interface GeneratedKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  keyId: string;
}

/** The raw 32-byte Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(rawPublicKey(publicKey));
}

/** Writes a new key pair into `outDir`; refuses to overwrite an existing key. */
export function generateKeyPair(outDir: string): GeneratedKeys {
  fs.mkdirSync(outDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyPath = path.join(outDir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.join(outDir, PUBLIC_KEY_FILE);
  for (const file of [privateKeyPath, publicKeyPath]) {
    if (fs.existsSync(file)) throw new AppError('conflict', { key: 'feed.keyFileExists', params: { file } });
  }
  // Created with mode 0600 in the open call itself, so the key is never readable by others.
  const fd = fs.openSync(privateKeyPath, 'wx', 0o600);
  try {
    if (process.platform !== 'win32') {
      fs.fchmodSync(fd, 0o600); // a umask can only remove bits; this makes the mode exact
      if ((fs.fstatSync(fd).mode & 0o777) !== 0o600) throw new Error(`cannot make ${privateKeyPath} private (mode 0600)`);
    }
    fs.writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }) as string, { flag: 'wx' });
  return { privateKeyPath, publicKeyPath, keyId: keyIdOf(publicKey) };
}

/** Which half of a key pair a file should hold, as the errors name it. */
const PRIVATE: MessageRef = { key: 'feed.privateKey' };
const PUBLIC: MessageRef = { key: 'feed.publicKey' };

function readKeyFile(file: string, what: MessageRef): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const ref: MessageRef = code === 'ENOENT' ? { key: 'feed.keyFileNotFound', params: { what, file } } : { key: 'feed.keyFileUnreadable', params: { what, file, code: String(code) } };
    throw new AppError('invalid_input', ref, undefined, { cause: error });
  }
}

function requireEd25519(key: KeyObject, file: string, what: MessageRef): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AppError('invalid_input', { key: 'feed.keyFileNotEd25519', params: { what, file, type: String(key.asymmetricKeyType) } });
  }
  return key;
}

const malformed = (what: MessageRef, file: string, format: string, cause: unknown) =>
  new AppError('invalid_input', { key: 'feed.keyFileMalformed', params: { what, file, format } }, undefined, { cause });

export function loadPrivateKey(file: string): KeyObject {
  const pem = readKeyFile(file, PRIVATE);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw malformed(PRIVATE, file, 'PKCS#8 PEM', error);
  }
  return requireEd25519(key, file, PRIVATE);
}

export function loadPublicKey(file: string): KeyObject {
  const pem = readKeyFile(file, PUBLIC);
  // createPublicKey would accept a private key and derive its public half: refuse, so a private
  // key is never copied to a station by mistake.
  if (pem.includes('PRIVATE KEY')) throw new AppError('invalid_input', { key: 'feed.publicKeyIsPrivate', params: { file } });
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw malformed(PUBLIC, file, 'SPKI PEM', error);
  }
  return requireEd25519(key, file, PUBLIC);
}
