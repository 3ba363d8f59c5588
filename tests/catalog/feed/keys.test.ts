import fs from 'node:fs';
import path from 'node:path';
import { sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf, loadPrivateKey, loadPublicKey, rawPublicKey } from '../../../catalog/feed/keys.js';
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

  it('explains a missing, malformed or misplaced key in both languages', () => {
    const dir = tempDir();
    expect(() => loadPrivateKey(path.join(dir, 'nope.pem'))).toThrow(/không tìm thấy \/ not found/);
    fs.writeFileSync(path.join(dir, 'bad.pem'), 'not a key');
    expect(() => loadPrivateKey(path.join(dir, 'bad.pem'))).toThrow(/sai định dạng \/ is malformed/);
    expect(() => loadPublicKey(path.join(dir, 'bad.pem'))).toThrow(/sai định dạng \/ is malformed/);
    const keys = generateKeyPair(dir);
    expect(() => loadPublicKey(keys.privateKeyPath)).toThrow(/is a private key/);
  });
});
