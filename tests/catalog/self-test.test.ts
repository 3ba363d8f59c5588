/**
 * `bookshelf self-test` (issue 18), run as an installer would run it: the real CLI in a child
 * process. On a sound installation every part is loaded and used once and the exit status is 0;
 * with sharp missing (resolved to an error, as in a package that left it out) the check names
 * sharp and why, the parts that do not need it still pass, and the exit status is 1.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import type { SelfTestReport } from '../../catalog/self-test.js';
import { say } from '../../shared/messages.js';
import { runCli } from '../helpers/cli.js';

const CHECKS = ['better-sqlite3', 'sharp', '@napi-rs/canvas', 'pdf.js', 'extraction worker', 'station'];
const WITHOUT_SHARP = path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'self-test', 'without-sharp.mjs');

describe('bookshelf self-test', () => {
  it('loads and uses every part once: SQLite, sharp, canvas, a PDF page drawn, the extraction worker, a served search', () => {
    const run = runCli(['self-test', '--json'], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as SelfTestReport;
    expect(report.checks.map((check) => check.name)).toEqual(CHECKS);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.find((check) => check.name === 'pdf.js')?.detail).toMatch(/^page 1: \d+×\d+$/);
    expect(report.checks.find((check) => check.name === 'extraction worker')?.detail).toMatch(/^45 pages, \d{4,} characters$/);
    expect(report.checks.find((check) => check.name === 'station')?.detail).toMatch(/search found [1-9]/);
    const plain = runCli(['self-test'], { timeoutMs: 120_000 });
    expect(plain.status).toBe(0);
    expect(plain.stdout.split('\n').filter((line) => line.startsWith('✓ '))).toHaveLength(CHECKS.length);
    expect(plain.stdout).toContain(say('vi', { key: 'cli.selfTest.passed' }));
  }, 240_000);

  it('names a part left out of the package and why, and exits 1', () => {
    const run = runCli(['self-test', '--json'], { timeoutMs: 120_000, env: { NODE_OPTIONS: `--import ${WITHOUT_SHARP}` } });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as SelfTestReport;
    const byName = new Map(report.checks.map((check) => [check.name, check]));
    expect(report.ok).toBe(false);
    expect(byName.get('sharp')).toMatchObject({ ok: false, detail: expect.stringContaining("Cannot find package 'sharp'") });
    // What does not load sharp still works, and the report says which is which.
    expect(byName.get('better-sqlite3')?.ok).toBe(true);
    expect(byName.get('@napi-rs/canvas')?.ok).toBe(true);
    expect(byName.get('station')?.ok).toBe(false);
    const plain = runCli(['self-test'], { timeoutMs: 120_000, env: { NODE_OPTIONS: `--import ${WITHOUT_SHARP}` } });
    expect(plain.status).toBe(1);
    expect(plain.stdout).toMatch(/^✗ sharp /m);
    expect(plain.stdout).toContain(say('en', { key: 'cli.selfTest.failed', params: { failed: report.checks.filter((check) => !check.ok).length } }));
  }, 240_000);
});
