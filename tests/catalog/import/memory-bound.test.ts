/**
 * Memory bounded for the whole import process (issue 13): a 1–2 MB PDF whose content stream
 * inflates to 1 GB or 2 GB (made here) is refused as out of memory by `bookshelf import`, whose
 * peak resident memory stays ≤ 600 MB, and nothing of it is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runMeasured } from '../../helpers/peak-rss.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { deflateBombPdf } from './helpers.js';
import { BOOKSHELF_BIN } from '../../helpers/cli.js';

const PEAK_LIMIT_MB = 600;
const onLinux = process.platform === 'linux';
if (!onLinux) console.warn('⚠ memory-bound test skipped: it reads peak memory from /proc (Linux only)');

describe.skipIf(!onLinux)('a deflate bomb through bookshelf import', () => {
  for (const megabytes of [1024, 2048]) {
    it(`refuses a PDF inflating to ${megabytes / 1024} GB with the process's peak ≤ ${PEAK_LIMIT_MB} MB`, async () => {
      const dir = tempDir('bookshelf-bomb-');
      const file = path.join(dir, 'bom.pdf');
      fs.writeFileSync(file, deflateBombPdf(megabytes));
      expect(fs.statSync(file).size).toBeLessThan(3 * 1024 * 1024);
      const home = path.join(dir, 'library');
      const run = await runMeasured(process.execPath, [BOOKSHELF_BIN, 'import', file], { ...process.env, BOOKSHELF_HOME: home });
      console.log(`bomb ${megabytes} MB: exit ${run.code}, peak ${run.peakMb?.toFixed(0)} MB`);
      expect(run.output).toContain('ran out of memory');
      expect(run.code).toBe(1);
      expect(run.peakMb).not.toBeNull();
      expect(run.peakMb as number).toBeLessThanOrEqual(PEAK_LIMIT_MB);
      const db = new Database(path.join(home, 'catalog.sqlite'), { readonly: true });
      expect(db.prepare('SELECT count(*) FROM publications').pluck().get()).toBe(0);
      db.close();
    }, 120_000);
  }
});
