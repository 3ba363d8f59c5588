/**
 * `bookshelf keep` from the command line (spawning the bin): prints the current choice, saves and
 * applies a new one with a bilingual summary, clears it with --all, refuses bad flags with exit 2.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSelection } from '../../../catalog/sync/selection.js';
import { parseBudget } from '../../../catalog/cli/keep.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { addDocument } from './fixtures.js';
import { runCli } from '../../helpers/cli.js';

const run = (args: string[]) => runCli(args);

describe('bookshelf keep', () => {
  it('parses budgets in KB, MB, GB (1024-based), bytes, or none', () => {
    expect(parseBudget('2GB')).toBe(2 * 1024 ** 3);
    expect(parseBudget('500 mb')).toBe(500 * 1024 ** 2);
    expect(parseBudget('1.5KB')).toBe(1536);
    expect(parseBudget('1000')).toBe(1000);
    expect(parseBudget('none')).toBeNull();
    expect(() => parseBudget('lots')).toThrow(/500MB, 2GB, none/);
  });

  it('shows, saves, applies and clears the station’s choice', async () => {
    const dir = tempDir('keep-cli-');
    const library = await openTestLibrary(dir);
    const thue = await addDocument(library, 'thue', 'Luật thuế', `%PDF-1.4 thue ${'t'.repeat(2000)}`, { fields: ['Thuế'] });
    const dat = await addDocument(library, 'dat-dai', 'Luật đất đai', `%PDF-1.4 dat ${'d'.repeat(3000)}`, { fields: ['Đất đai'] });

    const shown = run(['keep', '--library', dir]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Lĩnh vực / Fields: tất cả / all');
    expect(shown.stdout).toContain('Giữ / Kept: 2 tệp / files');
    expect(shown.stdout).not.toContain('Removed from disk');

    const kept = run(['keep', '--fields', 'Thuế,Giao thong', '--budget', '1MB', '--library', dir]);
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('Lĩnh vực / Fields: Thuế, Giao thong');
    expect(kept.stdout).toContain('Dung lượng tối đa / Size budget: 1.0 MB (1048576 bytes)');
    expect(kept.stdout).toContain('The catalog stays complete: 2 ấn phẩm / publications');
    expect(kept.stdout).toContain('Không giữ / Not kept: 1 tệp / files');
    expect(kept.stdout).toContain('Đã xóa khỏi đĩa / Removed from disk: 1 tệp / files');
    expect(kept.stdout).toMatch(/Warning: no publication is in the field\(s\): Giao thong/);

    // Flags change only what they name.
    const typed = run(['keep', '--types', 'Luật', '--library', dir]);
    expect(typed.status, typed.stderr).toBe(0);
    const reopened = await openTestLibrary(dir);
    expect(readSelection(reopened)).toEqual({ fields: ['Thuế', 'Giao thong'], docTypes: ['Luật'], kinds: null, maxBytes: 1024 ** 2 });
    expect(fs.existsSync(reopened.files.pathOf(dat.sha256))).toBe(false);
    expect(fs.existsSync(reopened.files.pathOf(thue.sha256))).toBe(true);

    const all = run(['keep', '--all', '--library', dir]);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain('Size budget: không giới hạn / none');
    expect(all.stdout).toContain('Giữ / Kept: 2 tệp / files');
    const cleared = await openTestLibrary(dir);
    expect(cleared.db.prepare('SELECT state, wanted FROM files WHERE sha256 = ?').get(dat.sha256)).toEqual({ state: 'pending', wanted: 1 });
  });

  it('refuses bad flags with exit code 2 and is in --help', () => {
    const dir = tempDir('keep-cli-bad-');
    for (const args of [['--budget', 'lots'], ['--kinds', 'novel'], ['--fields', ' , '], ['--colour', 'red']]) {
      const result = run(['keep', ...args, '--library', dir]);
      expect(result.status, args.join(' ')).toBe(2);
    }
    const help = run(['--help']);
    expect(help.stdout).toMatch(/\n {2}keep {2,}/);
    expect(help.stdout).toContain('--budget N');
    expect(help.stdout).toContain('--filter "fields=A,B;types=X;kinds=K"');
  });
});
