/**
 * docs/feed.md, "Sync from the app": a failed scheduled run is tried again at the next tick,
 * never in a tight loop. A station syncs on a schedule (5 minutes, a schedule minute shortened to
 * 20 ms) from a hub on 127.0.0.1 that answers 503 for a while: each failed run is followed by the
 * next only after a whole interval, and once the hub answers, the next tick syncs its document.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../catalog/engine.js';
import { getPublication } from '../../catalog/publications.js';
import { createServices, disposeServices } from '../../catalog/services.js';
import { callMethod } from '../../shared/call.js';
import { contract } from '../../shared/contract.js';
import type { Envelope } from '../../shared/errors.js';
import { tempLibrary } from '../helpers/temp-library.js';
import { hubWith } from '../catalog/sync/fixtures.js';

const MINUTE_MS = 20;
const INTERVAL_MINUTES = 5;

/** A hub serving `feedDir` on 127.0.0.1, or 503 to everything while `down` is set. */
async function flakyHub(feedDir: string) {
  const state = { down: true, requests: 0 };
  const server = http.createServer((request, response) => {
    state.requests += 1;
    if (state.down) return void response.writeHead(503, { 'Retry-After': '1' }).end();
    const file = path.join(feedDir, ...decodeURIComponent(new URL(request.url!, 'http://x').pathname).slice(1).split('/'));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, state };
}

async function until(check: () => boolean) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the sync schedule', () => {
  it('tries a failed run again at the next tick, a whole interval later, and syncs once the hub answers', async () => {
    const hub = await hubWith(['luat-hen-gio'], 2_000);
    const server = await flakyHub(hub.feedDir);
    const library = await tempLibrary('sync-schedule-retry-');
    const services = createServices(library, { sync: { download: { baseDelayMs: 1 }, minuteMs: MINUTE_MS } });
    const handlers = createHandlers(services);
    const result = async <T>(method: string, input: unknown = {}) => {
      const envelope = (await callMethod(contract, handlers, method, input, { role: 'official', transport: 'ipc', lang: 'vi' }, (error) => {
        throw error;
      })) as Envelope<T>;
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.result;
    };
    const service = services.sync;
    try {
      await result('sync.addSource', { location: server.url, publicKeys: [fs.readFileSync(hub.key.publicKeyPath, 'utf8')] });
      await result('sync.updateSettings', { intervalMinutes: INTERVAL_MINUTES });
      service.schedule();

      await until(() => service.history().items.filter((run) => run.status === 'failed').length >= 3);
      server.state.down = false;
      await until(() => service.status().lastRun?.status === 'ok');
      await result('sync.updateSettings', { intervalMinutes: null });

      const runs = service.history().items.slice().reverse();
      expect(runs.every((run) => run.trigger === 'schedule')).toBe(true);
      const statuses = runs.map((run) => run.status);
      expect(statuses.slice(0, 3)).toEqual(['failed', 'failed', 'failed']);
      expect(statuses.at(-1)).toBe('ok');
      // Each run starts a whole interval after the one before ended: never at once, never in a loop.
      for (let i = 1; i < runs.length; i++) {
        const gap = Date.parse(runs[i].startedAt) - Date.parse(runs[i - 1].finishedAt!);
        expect(gap, `run ${i + 1}`).toBeGreaterThanOrEqual(INTERVAL_MINUTES * MINUTE_MS - 2);
      }
      expect(getPublication(library.db, 'luat-hen-gio')).toMatchObject({ title: 'Luật luat-hen-gio' });
    } finally {
      await disposeServices(services);
    }
  });
});
