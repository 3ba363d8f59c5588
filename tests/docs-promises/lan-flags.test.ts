/**
 * docs/lan.md § Turning it on: `--lan-staff` needs `--lan`, and the same flags hold for
 * `bookshelf serve --hub --feed DIR` and `bookshelf start` — a non-loopback `--host` or a
 * `--lan-name` without `--lan` is a usage error (exit 2) saying so. The CLI's own entry, in process.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../catalog/cli/main.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Runs the CLI, giving its exit code and what it wrote on standard error. */
async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main([...args, '--library', tempDir('lan-flags-')]), stderr: stderr.join('') };
  } finally {
    process.stderr.write = write;
  }
}

describe('LAN flags without --lan', () => {
  it('--lan-staff needs --lan', async () => {
    const refused = await run(['serve', '--lan-staff']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--lan-staff .*needs --lan(?!-)/);
  });

  it.each([
    ['serve --hub', ['serve', '--hub', '--feed', tempDir('lan-flags-feed-')]],
    ['start', ['start', '--browser']],
  ])('%s refuses a LAN address, a wildcard, a LAN name or --lan-staff without --lan', async (_name, command) => {
    for (const flags of [['--host', '0.0.0.0'], ['--host', '192.168.1.10'], ['--lan-name', 'tusach.lan'], ['--lan-staff']]) {
      const refused = await run([...command, ...flags]);
      expect(refused.code, flags.join(' ')).toBe(2);
      expect(refused.stderr, flags.join(' ')).toMatch(/needs --lan(?!-)/);
    }
  });
});
