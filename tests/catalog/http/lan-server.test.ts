/**
 * The station's HTTP server as phones on the commune LAN see it (notes/security.md cases 28–31):
 * a real station on 127.0.0.1, with "LAN" clients that connect from other loopback addresses
 * (127.0.0.2, 127.0.0.3, …), which the rate limit does not exempt. Raw sockets send requests
 * exactly as written; node:http is the well-behaved client.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostnamesFor, checkServeHost, startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { RateLimiter } from '../../../catalog/http/limits.js';
import { clientKey } from '../../../catalog/http/remote-client.js';
import { main } from '../../../catalog/cli/main.js';
import { contract } from '../../../shared/contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DECREE = 'nghi-dinh-so-158-2025-nd-cp-45240';
const SECRET = 'BÍ MẬT NGOÀI THƯ MỤC — must never be served';
/** The time a client has to send its headers here: wide enough for another client's request to be answered meanwhile on a busy machine. */
const HEADERS_TIMEOUT_MS = 1_500;
let station: RunningStation;
let port: number;

beforeAll(async () => {
  const ui = tempDir('lan-ui-');
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Tủ sách</title>');
  const outside = tempDir('lan-outside-');
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ui, 'leak.txt'));
  fs.symlinkSync(outside, path.join(ui, 'linked'));
  station = await startStation({
    libraryDir: tempDir('lan-lib-'),
    host: '127.0.0.1',
    port: 0,
    demo: true,
    rendererDir: ui,
    lanName: 'tusach.lan',
    // Short timeouts so the slowloris test runs in a few seconds (the station's own are 10 s and 30 s).
    limits: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: 3_000, checkIntervalMs: 100 },
  });
  port = station.server.port;
});
afterAll(() => station.close());

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** A raw request from `from` (a loopback address standing in for a phone on the LAN). */
function raw(from: string, requestLine: string, headers: Record<string, string> = {}, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      resolve({ status: Number(data.split(' ')[1]), headers: data.slice(0, split), body: Buffer.from(data.slice(split + 4), 'latin1').toString('utf8') });
    });
    const lines = [requestLine, ...Object.entries({ Host: '127.0.0.1', Connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`)];
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** A well-behaved client (node:http) from `from`, optionally through a keep-alive agent. */
function get(from: string, pathname: string, options: { headers?: Record<string, string>; agent?: http.Agent; method?: string; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', localAddress: from, headers: options.headers, agent: options.agent ?? false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const post = (from: string, method: string, input: unknown, headers: Record<string, string> = {}) =>
  get(from, `/api/${method}`, { method: 'POST', body: JSON.stringify(input), headers: { 'Content-Type': 'application/json', ...headers } });

describe('serving on the LAN is off by default', () => {
  it('refuses a non-loopback or wildcard address without --lan', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      expect(() => checkServeHost(host, false), host).toThrow(/--lan/);
      expect(() => checkServeHost(host, true), host).not.toThrow();
    }
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(() => checkServeHost(host, false), host).not.toThrow();
    await expect(startStation({ libraryDir: tempDir('lan-off-'), host: '0.0.0.0', port: 0, demo: false })).rejects.toThrow(/--lan/);
  });

  it('makes the CLI refuse --host 0.0.0.0 or a LAN address unless --lan is given', async () => {
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (stderr.push(chunk), true)) as typeof process.stderr.write;
    try {
      expect(await main(['serve', '--host', '0.0.0.0', '--library', tempDir()])).toBe(2);
      expect(await main(['serve', '--host', '::', '--library', tempDir()])).toBe(2);
      expect(await main(['serve', '--host', '10.0.0.5', '--library', tempDir()])).toBe(2);
      expect(await main(['serve', '--lan-name', 'tusach.lan', '--library', tempDir()])).toBe(2);
      expect(await main(['serve', '--lan', '--lan-name', 'bad name!', '--library', tempDir()])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(/needs --lan/);
  });

  it('answers to the loopback names, the bound address and the LAN name only', async () => {
    expect(allowedHostnamesFor('192.168.1.10', 'TuSach.lan')).toEqual(['127.0.0.1', 'localhost', '::1', '192.168.1.10', 'tusach.lan']);
    const wildcard = allowedHostnamesFor('0.0.0.0');
    expect(wildcard).not.toContain('0.0.0.0');
    expect(wildcard).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost']));
    expect((await raw('127.0.0.2', 'GET / HTTP/1.1', { Host: `tusach.lan:${port}` })).status).toBe(200);
    expect((await raw('127.0.0.2', 'GET / HTTP/1.1', { Host: `127.0.0.1:${port}` })).status).toBe(200);
    for (const host of ['evil.example', `evil.example:${port}`, 'tusach.lan.evil.example', '0.0.0.0', '']) {
      const answer = await raw('127.0.0.2', 'GET / HTTP/1.1', { Host: host });
      expect([400, 421], host).toContain(answer.status);
    }
    const evil = await raw('127.0.0.2', `GET /publications/${DECREE}/file HTTP/1.1`, { Host: 'evil.example' });
    expect(evil.status).toBe(421);
    expect(evil.body).not.toContain('%PDF');
  });
});

describe('what a LAN client may do', () => {
  it('reads and searches as an anonymous reader', async () => {
    const info = await post('127.0.0.2', 'library.info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body).result.publications).toBeGreaterThan(30);
    const file = await get('127.0.0.2', `/publications/${DECREE}/file`, { headers: { Range: 'bytes=0-4' } });
    expect(file.status).toBe(206);
    expect(file.body).toBe('%PDF-');
  });

  it('gets 403 for every official or librarian method, and nothing changes', async () => {
    const privileged = Object.entries(contract).filter(([, spec]) => spec.access !== 'anyone');
    expect(privileged.length).toBeGreaterThan(5);
    const before = station.library.kioskSettings();
    // One LAN client per ten methods: the contract has more methods than one client's burst allows.
    for (const [i, [method]] of privileged.entries()) {
      for (const from of [`127.0.0.${20 + Math.floor(i / 10)}`, '127.0.0.1']) {
        const answer = await post(from, method, method === 'kiosk.updateSettings' ? { enabled: !before.enabled } : {});
        expect(answer.status, `${method} from ${from}`).toBe(403);
        expect(JSON.parse(answer.body).error.code).toBe('forbidden');
      }
    }
    expect(station.library.kioskSettings()).toEqual(before);
  });

  it('refuses cross-site API calls (Origin, Sec-Fetch-Site) with 403', async () => {
    const crossSite: Record<string, string>[] = [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { Origin: `http://127.0.0.1:${port + 1}` }, { 'Sec-Fetch-Site': 'cross-site' }];
    for (const headers of crossSite) {
      const answer = await post('127.0.0.2', 'library.info', {}, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await post('127.0.0.2', 'library.info', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await post('127.0.0.2', 'library.info', {}, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('bounds request bodies at 64 KB (413)', async () => {
    const answer = await post('127.0.0.2', 'search', { q: 'x'.repeat(100_000) });
    expect(answer.status).toBe(413);
  });
});

describe('path traversal from the LAN', () => {
  const targets = [
    '/../../etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '/..\\..\\etc\\passwd',
    '/..%5c..%5cetc%5cpasswd',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/index.html%00.png',
    '/%00/etc/passwd',
    '/leak.txt',
    '/linked/secret.txt',
    '/files/..%2f..%2fcatalog.sqlite',
    '/files/../catalog.sqlite',
    '/publications/..%2f..%2fcatalog.sqlite/file',
    '/publications/%2e%2e/file',
    '/catalog.sqlite',
    '/feed/..%2f..%2fcatalog.sqlite',
  ];

  it('answers 400 or 404 for every encoding, and never with file bytes', async () => {
    for (const target of targets) {
      const answer = await raw('127.0.0.2', `GET ${target} HTTP/1.1`);
      expect([400, 404], target).toContain(answer.status);
      expect(answer.body, target).not.toContain('root:');
      expect(answer.body, target).not.toContain('SQLite format');
      expect(answer.body, target).not.toContain(SECRET);
    }
  });
});

describe('limits', () => {
  /** Requests the flood test sends at least: well past one client's burst (60). */
  const FLOOD = 500;

  it('refuses a 1,000-part Range with a 416 that carries no part of the file, and any second part too', async () => {
    const url = `/publications/${DECREE}/file`;
    const parts = Array.from({ length: 1000 }, (_, i) => `${i * 10}-${i * 10 + 5}`).join(',');
    const many = await raw('127.0.0.2', `GET ${url} HTTP/1.1`, { Range: `bytes=${parts}` });
    expect(many.status).toBe(416);
    // Refused before any range is served: a short error, no multipart answer, no PDF bytes.
    expect(many.headers).not.toMatch(/multipart\/byteranges/i);
    expect(Buffer.byteLength(many.body)).toBeLessThan(1_024);
    expect(many.body).not.toContain('%PDF');
    expect(JSON.parse(many.body).error.message).toBe('Chỉ phục vụ một khoảng byte mỗi yêu cầu.');
    const english = await raw('127.0.0.2', `GET ${url} HTTP/1.1`, { Range: 'bytes=0-1,5-6', 'Accept-Language': 'en' });
    expect(english.status).toBe(416);
    expect(JSON.parse(english.body).error.message).toBe('Only one byte range is served per request.');
    expect((await raw('127.0.0.2', `GET ${url} HTTP/1.1`, { Range: `bytes=${'0'.repeat(300)}1-2` })).status).toBe(416);
    expect((await raw('127.0.0.2', `GET ${url} HTTP/1.1`, { Range: 'bytes=0-1' })).status).toBe(206);
  });

  it('refuses too many headers and too large headers with 431', async () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`X-Extra-${i}`, 'a']));
    const counted = await raw('127.0.0.2', 'GET / HTTP/1.1', many);
    expect(counted.status).toBe(431);
    expect(JSON.parse(counted.body).error.message).toBe('Yêu cầu có quá nhiều tiêu đề.');
    const large = await raw('127.0.0.2', 'GET / HTTP/1.1', { 'X-Large': 'a'.repeat(20_000) });
    expect(large.status).toBe(431);
    expect(JSON.parse(large.body).error.message).toBe('Tiêu đề yêu cầu quá lớn. / The request headers are too large.');
    // A browser's ordinary headers pass.
    expect((await raw('127.0.0.2', 'GET / HTTP/1.1', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`X-Normal-${i}`, 'b'.repeat(100)])))).status).toBe(200);
  });

  it('cuts a slowloris connection, and serves others while it is open', async () => {
    let cut = 0;
    const sockets = Array.from({ length: 20 }, () => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.4' });
      let data = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk) => (data += chunk));
      socket.on('error', () => undefined);
      const connected = new Promise((resolve) => socket.on('connect', resolve));
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const timer = setInterval(() => socket.writable && socket.write(`X-Slow-${Math.random().toString(36).slice(2, 6)}: a\r\n`), 100);
      const closed = new Promise<{ ms: number; data: string }>((resolve) => {
        const started = performance.now();
        socket.on('close', () => {
          clearInterval(timer);
          cut += 1;
          resolve({ ms: performance.now() - started, data });
        });
      });
      return { connected, closed };
    });
    // While they dribble, another client is answered: before the server cuts any of them.
    await Promise.all(sockets.map((s) => s.connected));
    const meanwhile = await get('127.0.0.3', '/');
    expect(meanwhile.status).toBe(200);
    expect(cut, 'slow connections cut before the other client was answered').toBe(0);
    const results = await Promise.all(sockets.map((s) => s.closed));
    for (const { ms, data } of results) {
      expect(data).toMatch(/^HTTP\/1\.1 408 /);
      expect(data).toContain('The request was sent too slowly.');
      // Cut by the timeouts set here (1.5 s for the headers), not left to Node's own (60 s).
      expect(ms).toBeLessThan(20_000);
    }
  });

  it('rate-limits a flood from one client with 429 and Retry-After, while another is served in its midst', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    try {
      // Sixteen connections flood, each asking again as soon as it is answered, until the other
      // client has had its answer and at least FLOOD requests were sent.
      const answers: Awaited<ReturnType<typeof get>>[] = [];
      let otherAnswered = false;
      let floodRefused!: () => void;
      const refused = new Promise<void>((resolve) => (floodRefused = resolve));
      const flooding = Promise.all(
        Array.from({ length: 16 }, async () => {
          while (!otherAnswered || answers.length < FLOOD) {
            const answer = await get('127.0.0.5', '/', { agent });
            answers.push(answer);
            if (answer.status === 429 || answers.length >= FLOOD) floodRefused();
          }
        }),
      );
      // Once the flood is being refused, another client asks: it is served, and the flood was
      // answered meanwhile (neither waits for the other).
      await refused;
      const asked = answers.length;
      const other = await post('127.0.0.6', 'search', { q: '158/2025/nd-cp' }).finally(() => (otherAnswered = true));
      const served = answers.length;
      await flooding;
      expect(other.status).toBe(200);
      expect(served, 'flood answers while the other client waited').toBeGreaterThan(asked);
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(answers.length * 0.6);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      const limited = answers.find((a) => a.status === 429)!;
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(limited.body).error.message).toBe('Quá nhiều yêu cầu; xin thử lại sau ít giây.');
      // The station itself (the kiosk, on 127.0.0.1) is never limited.
      const own = await Promise.all(Array.from({ length: 150 }, () => get('127.0.0.1', '/', { agent })));
      expect(own.every((a) => a.status === 200)).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('the rate limiter', () => {
  it('is a token bucket: a burst, then the rate, with the wait in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(20, 60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 100; // two tokens back
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 60_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
  });

  it('counts a client by address, and IPv6 by its /64', () => {
    expect(clientKey('::ffff:192.168.1.7')).toBe('192.168.1.7');
    expect(clientKey('192.168.1.7')).toBe('192.168.1.7');
    expect(clientKey('::1')).toBe('::1');
    expect(clientKey('2001:db8:0:1:aaaa::1')).toBe(clientKey('2001:0db8:0000:0001:bbbb:cccc:dddd:eeee'));
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('2001:db8:0:2::1')).not.toBe(clientKey('2001:db8:0:1::1'));
  });
});
