/**
 * README.md, "Command line": `bookshelf sync` shows a progress bar on a terminal (and none when
 * its output is not one). The CLI syncs a station from a hub's feed folder twice, as a child
 * process: once on a pseudo-terminal (util-linux `script`), where the bar is drawn on stderr,
 * once with pipes, where only the summary lines are written.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BOOKSHELF_BIN, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { hubWith } from '../catalog/sync/fixtures.js';

/** cli-progress's shades_classic bar: the part done and the part left. */
const BAR = /[\u2588\u2591]{4,}/;

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

describe('bookshelf sync', () => {
  it('draws a progress bar on a terminal, and none into a pipe', { timeout: 300_000 }, async () => {
    const hub = await hubWith(['luat-tien-do-1', 'luat-tien-do-2'], 300_000);
    if (spawnSync('script', ['--version']).error) throw new Error('script is missing: apt-get install util-linux');

    const onTerminal = [process.execPath, BOOKSHELF_BIN, 'sync', hub.feedDir, '--trust', hub.key.publicKeyPath, '--library', tempDir('sync-bar-tty-')];
    const tty = spawnSync('script', ['-qefc', onTerminal.map(quote).join(' '), '/dev/null'], { env: { ...process.env, CI: '1' }, encoding: 'utf8', timeout: 120_000 });
    expect(tty.status, tty.stderr).toBe(0);
    expect(tty.stdout).toMatch(BAR);
    // The bar is drawn as a stage starts (the files' stage may end between two redraws on a fast machine).
    expect(tty.stdout).toMatch(new RegExp(`${BAR.source}[^\\n]*publications`));
    expect(tty.stdout).toContain('Files downloaded: 2');

    const piped = runCli(['sync', hub.feedDir, '--trust', hub.key.publicKeyPath], { library: tempDir('sync-bar-pipe-') });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('Files downloaded: 2');
    expect(`${piped.stdout}${piped.stderr}`).not.toMatch(BAR);
  });
});
