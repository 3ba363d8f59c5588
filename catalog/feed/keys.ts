/**
 * The hub's Ed25519 signing keys: making a pair (the private key file readable by its owner
 * only), loading either half with a clear bilingual error, and the key id stations pin — the
 * hex sha256 of the raw 32-byte public key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex');
}

/** Writes a new key pair into `outDir`; refuses to overwrite an existing key. */
export function generateKeyPair(outDir: string): GeneratedKeys {
  fs.mkdirSync(outDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyPath = path.join(outDir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.join(outDir, PUBLIC_KEY_FILE);
  for (const file of [privateKeyPath, publicKeyPath]) {
    if (fs.existsSync(file)) throw new Error(`tệp khoá đã có, không ghi đè / key file already exists, not overwritten: ${file}`);
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

function readKeyFile(file: string, what: { vi: string; en: string }): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'không tìm thấy / not found' : `không đọc được / cannot be read (${code})`;
    throw new Error(`${what.vi} ${file}: ${why} — ${what.en}`, { cause: error });
  }
}

function requireEd25519(key: KeyObject, file: string, what: { vi: string; en: string }): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what.vi} ${file} không phải khoá Ed25519 / is not an Ed25519 key (${key.asymmetricKeyType}) — ${what.en}`);
  }
  return key;
}

export function loadPrivateKey(file: string): KeyObject {
  const what = { vi: 'Khoá bí mật', en: 'private key' };
  const pem = readKeyFile(file, what);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${what.vi} ${file} hỏng hoặc sai định dạng / is malformed (expected a PKCS#8 PEM) — ${what.en}`, { cause: error });
  }
  return requireEd25519(key, file, what);
}

export function loadPublicKey(file: string): KeyObject {
  const what = { vi: 'Khoá công khai', en: 'public key' };
  const pem = readKeyFile(file, what);
  // createPublicKey would accept a private key and derive its public half: refuse, so a private
  // key is never copied to a station by mistake.
  if (pem.includes('PRIVATE KEY')) throw new Error(`${file} là khoá bí mật, không phải khoá công khai / is a private key, not a public key`);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`${what.vi} ${file} hỏng hoặc sai định dạng / is malformed (expected an SPKI PEM) — ${what.en}`, { cause: error });
  }
  return requireEd25519(key, file, what);
}
