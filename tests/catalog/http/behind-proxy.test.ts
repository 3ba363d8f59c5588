/**
 * A station or hub behind a reverse proxy on the same machine (a hub on the internet with TLS in
 * front): the proxy's requests come from 127.0.0.1 with X-Forwarded-For, and must be counted as
 * the clients they carry — rate-limited one by one, kept from staff sign-in and from creating the
 * first official — while the station's own loopback calls (no header) stay exempt and at home.
 * A real station on 127.0.0.1, requests sent with node:http from 127.0.0.1 itself.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { remoteClient } from '../../../catalog/http/remote-client.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BURST = 5;
let station: RunningStation;

beforeAll(async () => {
  station = await startStation({
    libraryDir: tempDir('proxy-lib-'),
    host: '127.0.0.1',
    port: 0,
    demo: false,
    // A small burst and a slow refill, so a proxied client runs out within a few requests.
    limits: { burst: BURST, ratePerSecond: 0.2 },
  });
});
afterAll(() => station.close());

function call(method: string, headers: Record<string, string> = {}, input: object = {}): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: station.server.port, path: `/api/${method}`, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(input));
  });
}

describe('a client behind a loopback reverse proxy', () => {
  it('is the last address X-Forwarded-For names, only when the peer is this machine', () => {
    expect(remoteClient('127.0.0.1', null)).toEqual({ key: '127.0.0.1', proxied: false, station: true });
    expect(remoteClient('::ffff:127.0.0.1', '198.51.100.20, 203.0.113.7')).toEqual({ key: '203.0.113.7', proxied: true, station: false });
    expect(remoteClient('::1', '2001:db8:1:2:3:4:5:6')).toEqual({ key: '2001:db8:1:2::/64', proxied: true, station: false });
    // From elsewhere the header is the client's own words: ignored.
    expect(remoteClient('192.0.2.9', '127.0.0.1')).toEqual({ key: '192.0.2.9', proxied: false, station: false });
    expect(remoteClient(undefined, '127.0.0.1')).toEqual({ key: 'unknown', proxied: false, station: false });
  });

  it('is rate-limited per forwarded address, while the station itself is not', async () => {
    const proxied = { 'X-Forwarded-For': '203.0.113.7' };
    const answers = [];
    for (let i = 0; i < BURST + 3; i += 1) answers.push(await call('auth.state', proxied));
    expect(answers.slice(0, BURST).map((answer) => answer.status)).toEqual(Array(BURST).fill(200));
    const refused = answers.slice(BURST);
    expect(refused.map((answer) => answer.status)).toEqual([429, 429, 429]);
    expect(Number(refused[0].retryAfter)).toBeGreaterThanOrEqual(1);
    // Another client through the same proxy has its own bucket.
    expect((await call('auth.state', { 'X-Forwarded-For': '203.0.113.8' })).status).toBe(200);
    // The kiosk's own calls (loopback, no header) are never counted.
    for (let i = 0; i < BURST * 3; i += 1) expect((await call('auth.state')).status).toBe(200);
  });

  it('may not sign in as staff or create the first official; the station itself may', async () => {
    const atHome = JSON.parse((await call('auth.state')).body) as { ok: true; result: { signInAllowed: boolean; setupAllowed: boolean } };
    expect(atHome.result).toMatchObject({ signInAllowed: true, setupAllowed: true });
    const proxied = { 'X-Forwarded-For': '198.51.100.44' };
    const remote = JSON.parse((await call('auth.state', proxied)).body) as typeof atHome;
    expect(remote.result).toMatchObject({ signInAllowed: false, setupAllowed: false });
    const setup = await call('auth.setup', proxied, { username: 'quantri', displayName: 'Người lạ', password: 'mat-khau-rat-dai-2026' });
    expect(setup.status).toBe(403);
    expect(station.library.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });
});
