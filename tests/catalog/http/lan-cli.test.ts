/** `bookshelf serve --lan`: the real CLI, bound to a loopback address so the test stays on this machine. */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { startCli } from '../../helpers/cli.js';


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
    const child = startCli(['serve', '--port', '0', '--no-demo', '--lan', '--host', '127.0.0.1', '--lan-name', 'tusach.lan'], { library: tempDir() });
    let output = '';
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no LAN address printed:\n${output}`)), 20_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /http:\/\/tusach\.lan:(\d+)\//.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      expect(output).toMatch(/LAN serving is on/);
      expect(await statusFor(port, '/api/library.info', `tusach.lan:${port}`)).toBe(405);
      expect(await statusFor(port, '/api/library.info', 'evil.example')).toBe(421);
    } finally {
      await new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      });
    }
  }, 30_000);
});
