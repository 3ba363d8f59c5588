/**
 * Sign-in time (docs/accounts.md: an unknown name and a wrong password give the same message and
 * take the same time, so timing cannot tell which names exist). A library with 15 staff accounts;
 * each name, and 15 names that do not exist, signed in once with a wrong password, the two kinds
 * alternating; medians side by side, the wrong password the baseline. Fresh names each time, so
 * no lock is met.
 */
import { Accounts } from '../../catalog/accounts/accounts.js';
import { Library } from '../../catalog/library.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ACCOUNTS = 15;

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

async function timeFailure(accounts: Accounts, username: string): Promise<number> {
  const start = performance.now();
  await accounts.signIn(username, 'khong-dung-mat-khau').then(
    () => {
      throw new Error(`${username} signed in with a wrong password`);
    },
    () => undefined,
  );
  return performance.now() - start;
}

export async function benchSignIn(rows: [string, string, string][]): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-sign-in-'));
  const library = await Library.open(dir);
  const accounts = new Accounts(library.db);
  for (let i = 0; i < ACCOUNTS; i += 1) await accounts.create({ username: `can-bo-${i}`, displayName: `Cán bộ ${i}`, role: 'librarian', password: `mat-khau-dung-${i}` });
  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < ACCOUNTS; i += 1) {
    const pair = [() => timeFailure(accounts, `khong-co-${i}`).then((ms) => unknown.push(ms)), () => timeFailure(accounts, `can-bo-${i}`).then((ms) => wrong.push(ms))];
    if (i % 2) pair.reverse();
    for (const run of pair) await run();
  }
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const figures = { unknownNameMs: median(unknown), wrongPasswordMs: median(wrong) };
  rows.push([
    `sign-in refused, unknown name (median of ${ACCOUNTS})`,
    `${figures.unknownNameMs.toFixed(1)} ms (${(figures.unknownNameMs / figures.wrongPasswordMs).toFixed(2)}×)`,
    `wrong password for a real name: ${figures.wrongPasswordMs.toFixed(1)} ms`,
  ]);
  return figures;
}
