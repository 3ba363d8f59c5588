/**
 * `bookshelf self-test [--json]`: the installed app's self-test (catalog/self-test.ts), one line
 * per check — ✓ or ✗, its name, how long it took, what it found or why it failed — then the
 * verdict in both languages. Exit status 0 when every check passed, 1 otherwise; `--json` prints
 * the report as one JSON line.
 */
import { runSelfTest, writeSelfTest } from '../self-test.js';

export async function runSelfTestCommand(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  return writeSelfTest(await runSelfTest(), json, write);
}

