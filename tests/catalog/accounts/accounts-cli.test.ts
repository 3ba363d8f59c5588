/**
 * `bookshelf accounts` as a child process: add staff with the password on standard input (never
 * on the command line), list them, and get back in when the only official forgot the password
 * or is locked out. Bad flags exit 2; a taken name exits 1 with the reason.
 */
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { runAccounts } from '../../../catalog/cli/accounts.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { listAudit } from '../../../catalog/accounts/audit.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { runCli } from '../../helpers/cli.js';

const run = (libraryDir: string, args: string[], input = '') => runCli(['accounts', ...args], { library: libraryDir, input });

describe('bookshelf accounts', () => {
  it('adds, lists and resets accounts; the reset lifts a lock and re-enables the account', async () => {
    const libraryDir = tempDir('accounts-cli-');
    expect(run(libraryDir, []).stdout).toContain('Chưa có tài khoản');
    const added = run(libraryDir, ['--add', 'CanBo', '--role', 'official', '--name', 'Nguyễn Văn Cán'], 'mat-khau-dau-tien\n');
    expect([added.status, added.stdout]).toEqual([0, 'Đã thêm / Added: canbo (official)\n']);
    expect(run(libraryDir, ['--add', 'thuthu', '--name', 'Trần Thị Thư'], 'mat-khau-thu-vien\n').status).toBe(0);
    const listed = JSON.parse(run(libraryDir, ['--json']).stdout) as { username: string; role: string }[];
    expect(listed.map((a) => [a.username, a.role])).toEqual([
      ['canbo', 'official'],
      ['thuthu', 'librarian'],
    ]);

    // Locked out and disabled: the command line gets the official back in.
    const library = await openTestLibrary(libraryDir);
    const accounts = new Accounts(library.db);
    for (let i = 0; i < 6; i++) await accounts.signIn('canbo', 'forgotten').catch(() => undefined);
    library.db.prepare("UPDATE users SET disabled = 1 WHERE username = 'canbo'").run();
    const reset = run(libraryDir, ['--reset', 'canbo'], 'mat-khau-moi-2026\n');
    expect([reset.status, reset.stdout]).toEqual([0, 'Đã đặt mật khẩu mới / New password set: canbo\n']);
    expect((await new Accounts(library.db).signIn('canbo', 'mat-khau-moi-2026')).user.role).toBe('official');
    expect(listAudit(library.db, { q: 'cli.accounts', offset: 0, limit: 10 }).items.map((e) => e.action)).toEqual([
      'cli.accounts.reset',
      'cli.accounts.add',
      'cli.accounts.add',
    ]);
  });

  it('refuses bad input with exit code 2, and a taken name with exit code 1', async () => {
    const libraryDir = tempDir('accounts-cli-bad-');
    const io = (password: string) => ({ write: () => undefined, readPassword: () => Promise.resolve(password) });
    const flags = { libraryDir, json: false };
    await expect(runAccounts({ ...flags, add: 'a', name: 'X' }, io('long-enough'))).rejects.toBeInstanceOf(UsageError);
    await expect(runAccounts({ ...flags, add: 'thuthu' }, io('long-enough'))).rejects.toThrow(/--name/);
    await expect(runAccounts({ ...flags, add: 'thuthu', role: 'admin', name: 'X' }, io('long-enough'))).rejects.toThrow(/--role/);
    await expect(runAccounts({ ...flags, add: 'thuthu', name: 'X' }, io('short'))).rejects.toThrow(/8/);
    await expect(runAccounts({ ...flags, reset: 'nobody' }, io('long-enough'))).rejects.toThrow(/nobody/);
    expect(run(libraryDir, ['--add', 'a', '--name', 'X'], 'long-enough\n').status).toBe(2);
    expect(run(libraryDir, ['--add', 'thuthu', '--name', 'X'], 'long-enough\n').status).toBe(0);
    const taken = run(libraryDir, ['--add', 'thuthu', '--name', 'Y'], 'long-enough\n');
    expect([taken.status, taken.stderr]).toEqual([1, 'bookshelf: Tên đăng nhập “thuthu” đã có người dùng. / The user name “thuthu” is taken.\n']);
  });
});
