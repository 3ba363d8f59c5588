/**
 * README § Three commands and `--help`: the station serves at port 4800 by default. A test cannot
 * count on 4800 being free (other servers, another test run), so it holds 4800 itself: `serve`,
 * `start` and `serve --hub` without `--port` then say that port 4800 is taken and serve at another
 * port they print; with `--port 4800` given, the taken port is an error (exit 1) naming it.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bilingual } from '../../shared/messages.js';
import { runCli, whileServing } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const DEFAULT_PORT = 4800;
const TAKEN = bilingual({ key: 'cli.serve.portFallback', params: { port: DEFAULT_PORT } });

let holder: net.Server | null = null;

/** Holds 127.0.0.1:4800; when another program already holds it, it is taken all the same. */
beforeAll(async () => {
  holder = await new Promise<net.Server | null>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
    server.listen(DEFAULT_PORT, '127.0.0.1', () => resolve(server));
  });
});

afterAll(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

const portOf = (url: string) => Number(new URL(url).port);

describe('the default port 4800', () => {
  it.each([['serve'], ['start']])('%s without --port says 4800 is taken and serves at the free port it prints', { timeout: 120_000 }, async (command) => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: tempDir('no-electron-') };
    await whileServing([command, '--no-open', '--no-demo', '--library', tempDir('port-library-')], { env }, async (url, stdout) => {
      expect(stdout).toContain(TAKEN);
      expect(portOf(url)).not.toBe(DEFAULT_PORT);
      const answer = await fetch(`${url}/api/library.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(answer.status).toBe(200);
    });
  });

  it('serve --hub without --port says 4800 is taken and serves the feed at the free port it prints', { timeout: 120_000 }, async () => {
    const feed = tempDir('port-feed-');
    fs.writeFileSync(path.join(feed, 'root.json'), '{}');
    await whileServing(['serve', '--hub', '--feed', feed, '--library', tempDir('port-hub-')], {}, async (url, stdout) => {
      expect(stdout).toContain(TAKEN);
      expect(portOf(url)).not.toBe(DEFAULT_PORT);
      expect((await fetch(`${url}/root.json`)).status).toBe(200);
    });
  });

  it('--port 4800 given and taken is an error naming the port', () => {
    const result = runCli(['serve', '--port', String(DEFAULT_PORT), '--library', tempDir('port-given-')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(bilingual({ key: 'cli.serve.portInUse', params: { port: DEFAULT_PORT } }));
    expect(result.stdout).not.toContain(TAKEN);
  });
});
