/**
 * The hub from the command line: keygen, publish a library, serve the feed with --hub, and a
 * station-side check of what it serves (signature, key, Host guard).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../catalog/package-root.js';
import { loadPublicKey } from '../../../catalog/feed/keys.js';
import { verifyRoot } from '../../../catalog/feed/root.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { rawRequest } from '../../helpers/raw-http.js';
import { runCli, startCli } from '../../helpers/cli.js';

const run = (args: string[]) => runCli(args);

function serveHub(feed: string): Promise<{ url: string; port: number; stop: () => void }> {
  const child = startCli(['serve', '--hub', '--feed', feed, '--port', '0']);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:(\d+))\/root\.json/.exec(output);
      if (match) resolve({ url: match[1], port: Number(match[2]), stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

describe('hub commands', () => {
  it('keygen, publish and serve --hub give a feed a station can verify', async () => {
    const keys = tempDir();
    const library = tempDir();
    const feed = tempDir();
    expect(run(['keygen', '--out', keys]).status).toBe(0);
    expect(run(['info', '--library', library]).status).toBe(0);
    const imported = run(['import', path.join(PACKAGE_ROOT, 'catalog/demo/truyen-kieu.epub'), '--library', library]);
    expect(imported.status).toBe(0);
    const published = run(['publish', '--library', library, '--out', feed, '--key', path.join(keys, 'feed-private.pem'), '--snapshot']);
    expect(published.status, published.stderr).toBe(0);

    const hub = await serveHub(feed);
    try {
      const rootBytes = new Uint8Array(await (await fetch(`${hub.url}/root.json`)).arrayBuffer());
      const sha256 = createHash('sha256').update(rootBytes).digest('hex');
      const signatureFile = await (await fetch(`${hub.url}/signatures/${sha256}.json`)).text();
      const verified = verifyRoot(rootBytes, signatureFile, { keys: [loadPublicKey(path.join(keys, 'feed-public.pem'))] });
      expect(verified).toMatchObject({ ok: true, expired: false, root: { sequence: 1 } });
      expect((await rawRequest(hub.port, 'GET /root.json HTTP/1.1', { Host: 'evil.example' })).status).toBe(421);
    } finally {
      hub.stop();
    }
    expect(fs.existsSync(path.join(feed, 'root.json'))).toBe(true);
  });

  it('refuses incomplete commands with exit code 2', () => {
    expect(run(['publish', '--out', tempDir()]).status).toBe(2);
    expect(run(['keygen']).status).toBe(2);
    expect(run(['serve', '--hub']).status).toBe(2);
    expect(run(['serve', '--feed', tempDir()]).status).toBe(2);
  });
});
