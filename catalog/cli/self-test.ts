/**
 * `bookshelf self-test [--json]`: the installed app's self-test (catalog/self-test.ts), one line
 * per check — ✓ or ✗, its name, how long it took, what it found or why it failed — then the
 * verdict in both languages. Exit status 0 when every check passed, 1 otherwise; `--json` prints
 * the report as one JSON line.
 */
import { bilingual } from '../../shared/messages.js';
import { terminalSafe } from '../../shared/text.js';
import { runSelfTest } from '../self-test.js';
import type { SelfTestReport } from '../self-test.js';

export async function runSelfTestCommand(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  return writeSelfTest(await runSelfTest(), json, write);
}

/** Writes a report as the command shows it (also the desktop app's --self-test); the exit status. */
export function writeSelfTest(report: SelfTestReport, json: boolean, write: (text: string) => void): number {
  if (json) write(`${JSON.stringify(report)}\n`);
  else {
    for (const check of report.checks) write(`${check.ok ? '✓' : '✗'} ${check.name.padEnd(18)} ${String(check.ms).padStart(6)} ms  ${terminalSafe(check.detail)}\n`);
    write(`${bilingual({ key: report.ok ? 'cli.selfTest.passed' : 'cli.selfTest.failed', params: { failed: report.checks.filter((check) => !check.ok).length } })}\n`);
  }
  return report.ok ? 0 : 1;
}
