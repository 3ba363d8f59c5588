/**
 * Issue 18, item 11: one writer per library folder, across processes and Windows sessions. A real
 * `bookshelf serve` child holds the folder; the app's open (Library.open as writer 'app') and a
 * real `bookshelf sync` are refused with words naming the holder (program and pid); readers still
 * open it. Once the child is killed outright (no clean release, as in a power cut) its stale lock
 * is taken over; a clean close removes the lock file, and a lock is never removed by a process it
 * does not belong to.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../catalog/library.js';
import { LOCK_FILE_NAME, acquireLibraryLock, lockPath } from '../../catalog/library-lock.js';
import { AppError } from '../../shared/errors.js';
import { translate } from '../../shared/messages.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** What the lock file says, once it names `pid`. */
async function heldBy(dir: string, pid: number): Promise<{ pid: number; program: string }> {
  let holder: { pid: number; program: string } | null = null;
  await vi.waitFor(
    () => {
      holder = JSON.parse(fs.readFileSync(lockPath(dir), 'utf8')) as { pid: number; program: string };
      expect(holder.pid).toBe(pid);
    },
    { timeout: 30_000, interval: 100 },
  );
  return holder!;
}

async function refusal(opening: Promise<unknown>): Promise<AppError> {
  const error = await opening.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the library folder has one writer', () => {
  it('refuses a second writer process with the holder named, lets readers in, and takes over when the holder dies', async () => {
    const dir = tempDir('library-lock-');
    const serve = startCli(['serve', '--port', '0', '--no-demo'], { library: dir });
    children.push(serve);
    expect(await heldBy(dir, serve.pid!)).toMatchObject({ program: 'serve' });

    const refused = await refusal(Library.open(dir, { writer: 'app' }));
    expect(refused.code).toBe('unavailable');
    expect(refused.ref).toMatchObject({ key: 'library.locked', params: { program: 'serve', pid: serve.pid } });
    expect(translate('vi', refused.ref.key, refused.ref.params)).toContain(`(serve, mã tiến trình ${serve.pid}`);

    const sync = runCli(['sync', tempDir('no-feed-')], { library: dir });
    expect(sync.status).not.toBe(0);
    expect(sync.stderr).toContain(`đang được chương trình khác dùng (serve, mã tiến trình ${serve.pid}`);
    expect(sync.stderr).toContain(`is in use by another program (serve, process id ${serve.pid}`);

    // Reading (search, report, the kiosk settings) does not take the lock.
    const reader = await Library.open(dir);
    expect(reader.info().publications).toBe(0);
    reader.close();
    expect(fs.existsSync(lockPath(dir))).toBe(true);

    // Killed outright: the lock file stays behind, naming a process that is gone.
    serve.kill('SIGKILL');
    await new Promise((resolve) => serve.once('exit', resolve));
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: serve.pid });
    const app = await Library.open(dir, { writer: 'app' });
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: process.pid, program: 'app' });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith(LOCK_FILE_NAME))).toEqual([LOCK_FILE_NAME]);

    // Now the app holds it: the CLI's sync is the one refused, naming the app.
    const second = runCli(['sync', tempDir('no-feed-')], { library: dir });
    expect(second.stderr).toContain(`(app, process id ${process.pid}`);
    app.close();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('a second writer in the same process is refused too, and release leaves a newer holder alone', async () => {
    const dir = tempDir('library-lock-same-');
    const first = await Library.open(dir, { writer: 'app' });
    await expect(Library.open(dir, { writer: 'sync' })).rejects.toMatchObject({ ref: { key: 'library.locked', params: { program: 'app' } } });
    first.close();
    const lock = acquireLibraryLock(dir, 'serve');
    // Someone removed our file and another holder took the folder: our release must not remove theirs.
    fs.rmSync(lockPath(dir));
    const other = acquireLibraryLock(dir, 'sync');
    lock.release();
    expect(JSON.parse(fs.readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ token: other.holder.token });
    other.release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('a lock left by this pid but no Library of this process (a container restarted as pid 1) is stale', () => {
    const dir = tempDir('library-lock-pid-');
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, program: 'app', host: os.hostname(), since: '2026-01-01T00:00:00Z', token: 'old' }));
    const lock = acquireLibraryLock(dir, 'app');
    expect(lock.holder.token).not.toBe('old');
    lock.release();
  });
});
