/** catalog/store/hash.ts: the sha256 of a file on disk, whole or its first bytes, as its bytes in memory give it. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFileInto, sha256File, sha256Hex } from '../../../catalog/store/hash.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('hashing files', () => {
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'Điều 1. ');
  const file = path.join(tempDir(), 'big.pdf');
  fs.writeFileSync(file, bytes);

  it('hashes a file larger than one read the way its bytes hash in memory', async () => {
    expect(await sha256File(file)).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('feeds the first bytes of a file into a hash the caller goes on feeding (a resumed download)', async () => {
    for (const have of [0, 1, 1024 * 1024, bytes.length]) {
      const hash = createHash('sha256');
      expect(await hashFileInto(hash, file, have)).toBe(have);
      hash.update(bytes.subarray(have));
      expect(hash.digest('hex')).toBe(sha256Hex(bytes));
    }
  });

  it('hashes text as its UTF-8 bytes', () => {
    expect(sha256Hex('Điều 1')).toBe(sha256Hex(Buffer.from('Điều 1', 'utf8')));
  });
});
