/**
 * The library folder's writer lock. The app's single-instance lock is per Windows user, so the
 * kiosk account and an administrator's session could both open the machine-wide library, and
 * `bookshelf serve` or `sync` beside them: each would run sync and the outbox on the same
 * catalog. Every program that opens a library for writing takes this lock first — a file
 * created exclusively in the library folder, naming its holder (pid, program, machine, since
 * when) — and a second one is refused with an error that names the holder. A lock whose process
 * is gone (a crash, a power cut) is taken over; release removes it only if it is still ours.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/errors.js';
import { processAlive } from './process-alive.js';

export const LOCK_FILE_NAME = 'bookshelf.lock';

/** What the lock file holds. */
export interface LockHolder {
  pid: number;
  /** Which program: 'app', 'serve', 'sync'. */
  program: string;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Tells this holder's file from a later one with the same pid. */
  token: string;
}

export interface LibraryLock {
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this holder's; safe to call twice. */
  release(): void;
}

/** Lock files this process holds, by path: the same pid in a file is ours only while listed here. */
const heldHere = new Set<string>();

/** An empty or half-written file younger than this is a holder still writing it. */
const WRITING_GRACE_MS = 10_000;

export function lockPath(dir: string): string {
  return path.join(dir, LOCK_FILE_NAME);
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(raw: string | null): LockHolder | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.program !== 'string' || typeof value.token !== 'string') return null;
    return { pid: value.pid, program: value.program, host: String(value.host ?? ''), since: String(value.since ?? ''), token: value.token };
  } catch {
    return null;
  }
}

/** Whether the holder may still be writing; a holder on another machine (a shared folder) cannot be checked, so it is. */
function holderAlive(file: string, holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  // Our own pid: a Library of this process, or a dead holder whose pid came back (pid 1 in a container).
  if (holder.pid === process.pid) return heldHere.has(file);
  return processAlive(holder.pid);
}

function lockedError(dir: string, holder: LockHolder | null): AppError {
  return new AppError('unavailable', {
    key: 'library.locked',
    params: { dir, program: holder?.program ?? '?', pid: holder?.pid ?? '?', since: holder?.since ?? '?' },
  });
}

/** Moves a stale lock out of the way; false if what was moved turned out to be a newer holder's (it is put back). */
function removeStale(file: string, staleRaw: string): boolean {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return true; // already gone: someone else cleared it
  }
  if (readRaw(aside) === staleRaw) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // Another process took the lock between our read and our rename: give it back.
  try {
    fs.linkSync(aside, file);
  } catch {
    // A third one got in meanwhile; the one we moved will find its file gone at release.
  }
  fs.rmSync(aside, { force: true });
  return false;
}

/** Takes the lock of the library in `dir` for `program`, or throws AppError('unavailable', library.locked) naming the holder. */
export function acquireLibraryLock(dir: string, program: string): LibraryLock {
  const file = lockPath(dir);
  const holder: LockHolder = { pid: process.pid, program, host: os.hostname(), since: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raw = readRaw(file);
      const current = parseHolder(raw);
      if (current === null) {
        const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < WRITING_GRACE_MS) throw lockedError(dir, null);
      } else if (holderAlive(file, current)) {
        throw lockedError(dir, current);
      }
      removeStale(file, raw ?? '');
      continue;
    }
    try {
      fs.writeSync(fd, JSON.stringify(holder));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    heldHere.add(file);
    let released = false;
    return {
      holder,
      release() {
        if (released) return;
        released = true;
        heldHere.delete(file);
        if (parseHolder(readRaw(file))?.token === holder.token) fs.rmSync(file, { force: true });
      },
    };
  }
  throw lockedError(dir, parseHolder(readRaw(file)));
}
