import fs from 'node:fs';
import path from 'node:path';
import { sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf, loadPrivateKey, loadPublicKey, rawPublicKey } from '../../../catalog/feed/keys.js';
import { say } from '../../../shared/messages.js';
import type { MessageRef } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('feed keys', () => {
  it('creates the private key readable by its owner only', () => {
    const keys = generateKeyPair(tempDir());
    if (process.platform !== 'win32') expect(fs.statSync(keys.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keys.publicKeyPath, 'utf8')).toContain('BEGIN PUBLIC KEY');
  });

  it('round-trips: what the private key signs, the public key verifies; the key id is stable', () => {
    const keys = generateKeyPair(tempDir());
    const privateKey = loadPrivateKey(keys.privateKeyPath);
    const publicKey = loadPublicKey(keys.publicKeyPath);
    const message = Buffer.from('Tủ sách');
    expect(verify(null, message, publicKey, sign(null, message, privateKey))).toBe(true);
    expect(rawPublicKey(publicKey)).toHaveLength(32);
    expect(keyIdOf(publicKey)).toBe(keys.keyId);
    expect(keyIdOf(loadPublicKey(keys.publicKeyPath))).toBe(keys.keyId);
    expect(keys.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(generateKeyPair(tempDir()).keyId).not.toBe(keys.keyId);
  });

  it('never overwrites an existing key', () => {
    const dir = tempDir();
    generateKeyPair(dir);
    expect(() => generateKeyPair(dir)).toThrow(/already exists/);
  });

  it('explains a missing, malformed or misplaced key, by reference, in each language', () => {
    const dir = tempDir();
    const refOf = (load: () => unknown): MessageRef => {
      try {
        load();
      } catch (error) {
        return (error as { ref: MessageRef }).ref;
      }
      throw new Error('loaded');
    };
    const missing = path.join(dir, 'nope.pem');
    const notFound = refOf(() => loadPrivateKey(missing));
    expect(notFound).toEqual({ key: 'feed.keyFileNotFound', params: { what: { key: 'feed.privateKey' }, file: missing } });
    expect(say('vi', notFound)).toBe(`Khóa bí mật ${missing}: không tìm thấy`);
    expect(say('en', notFound)).toBe(`The private key ${missing}: not found`);
    fs.writeFileSync(path.join(dir, 'bad.pem'), 'not a key');
    expect(say('vi', refOf(() => loadPrivateKey(path.join(dir, 'bad.pem'))))).toMatch(/^Khóa bí mật .*bad\.pem hỏng hoặc sai định dạng \(cần PKCS#8 PEM\)$/);
    expect(say('en', refOf(() => loadPublicKey(path.join(dir, 'bad.pem'))))).toMatch(/^The public key .*bad\.pem is malformed \(expected SPKI PEM\)$/);
    const keys = generateKeyPair(dir);
    expect(() => loadPublicKey(keys.privateKeyPath)).toThrow(/is a private key/);
  });
});
