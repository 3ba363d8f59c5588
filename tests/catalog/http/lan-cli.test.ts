/** `bookshelf serve --lan`: the real CLI, bound to a loopback address so the test stays on this machine. */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { startServing } from '../../helpers/cli.js';

/** The status of GET `pathname` sent to 127.0.0.1 with this Host header. */
const statusFor = (port: number, pathname: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, headers: { Host: host }, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });

describe('bookshelf serve --lan', () => {
  it('prints where phones reach it and answers to its LAN name', async () => {
    const serving = await startServing(['serve', '--port', '0', '--no-demo', '--lan', '--host', '127.0.0.1', '--lan-name', 'tusach.lan'], { library: tempDir() });
    try {
      await expect.poll(serving.output).toMatch(/http:\/\/tusach\.lan:\d+\//);
      const port = Number(/http:\/\/tusach\.lan:(\d+)\//.exec(serving.output())?.[1]);
      expect(port).toBe(Number(new URL(serving.url).port));
      expect(serving.output()).toMatch(/LAN serving is on/);
      expect(await statusFor(port, '/api/library.info', `tusach.lan:${port}`)).toBe(405);
      expect(await statusFor(port, '/api/library.info', 'evil.example')).toBe(421);
    } finally {
      await serving.stop();
    }
  });
});
