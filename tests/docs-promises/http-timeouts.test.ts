/**
 * docs/lan.md § Limits, with the server's own values (not shortened for the test): a client has
 * 10 s to send its headers and 30 s for its whole request, else 408 and the connection closed;
 * an idle keep-alive connection is closed after 5 s. Time is the behaviour here, so the test
 * waits for it: each bound is checked from below (never sooner), and the answer must come.
 */
import net from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../catalog/http/server.js';
import type { RunningServer } from '../../catalog/http/server.js';

let server: RunningServer;
beforeAll(async () => {
  const app = new Hono();
  app.get('/', (c) => c.text('ok'));
  app.post('/upload', async (c) => c.text(String((await c.req.arrayBuffer().catch(() => new ArrayBuffer(0))).byteLength)));
  server = await listen(app, '127.0.0.1', 0);
});
afterAll(() => server.close());

/** Opens a socket to the server; `closed` resolves with everything it received and when it closed. */
function connect() {
  const socket = net.connect(server.port, '127.0.0.1');
  let received = '';
  socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
  const closed = new Promise<{ received: string; at: number }>((resolve) => socket.on('close', () => resolve({ received, at: performance.now() })));
  socket.on('error', () => undefined);
  return { socket, closed, received: () => received };
}

/** Writes `text` one character a second until the socket closes. */
function dribble(socket: net.Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]);
  }, 1_000);
  socket.on('close', () => clearInterval(timer));
}

describe('the server’s own time limits', () => {
  it('closes an idle keep-alive connection after 5 s, not before', async () => {
    const { socket, closed, received } = connect();
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise<void>((resolve) => {
      const look = () => (received().endsWith('ok') ? resolve() : setTimeout(look, 10));
      look();
    });
    const answered = performance.now();
    const { at } = await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 200/);
    expect(at - answered).toBeGreaterThanOrEqual(4_500);
  });

  it('answers 408 and closes when the headers take more than 10 s', async () => {
    const { socket, closed } = connect();
    const started = performance.now();
    socket.write('GET / HTTP/1.1\r\n');
    dribble(socket, 'X-Slow: abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\r\n');
    const { received, at } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(at - started).toBeGreaterThanOrEqual(9_500);
  });

  it('answers 408 and closes when a whole request takes more than 30 s, though its headers came at once', async () => {
    const { socket, closed } = connect();
    const started = performance.now();
    socket.write('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n');
    dribble(socket, 'x'.repeat(100));
    const { received, at } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(at - started).toBeGreaterThanOrEqual(29_500);
  });
});
