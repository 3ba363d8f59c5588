/**
 * docs/uploads.md, "Enrolment and signed requests": the signatures a hub has seen are kept in
 * SQLite, so a hub restarted on the same library still refuses a replay; they are pruned once
 * out of the replay window. A real hub (its HTTP routes on 127.0.0.1, its library on disk) takes
 * a station's signed usage report, is closed and started again on the same port and folder, and
 * refuses the same bytes; later, by the hub's clock, the old signature is gone from the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedApp } from '../../catalog/feed/feed-server.js';
import { mountHubRoutes } from '../../catalog/hub/routes.js';
import { REPLAY_WINDOW_SECONDS } from '../../catalog/hub/seen-signatures.js';
import { listen } from '../../catalog/http/server.js';
import type { RunningServer } from '../../catalog/http/server.js';
import { Library } from '../../catalog/library.js';
import { HubSigner } from '../../catalog/outbox/hub-signer.js';
import { stationId } from '../../catalog/outbox/settings.js';
import { enrolApproved } from '../helpers/enrolled-station.js';
import { tempDir } from '../helpers/temp-dir.js';
import { tempLibrary } from '../helpers/temp-library.js';

const hubDir = tempDir('seen-signatures-hub-');
const feedDir = tempDir('seen-signatures-feed-');
/** The hub's clock: now, moved on by the test. */
let hubSkewMs = 0;
let hub: { library: Library; server: RunningServer } | null = null;

async function startHub(port: number) {
  const library = await Library.open(hubDir);
  const app = createFeedApp(feedDir, ['127.0.0.1', 'localhost'], (routes) => void mountHubRoutes(routes, library, { now: () => new Date(Date.now() + hubSkewMs) }));
  hub = { library, server: await listen(app, '127.0.0.1', port) };
  return hub;
}

async function stopHub() {
  await hub?.server.close();
  hub?.library.close();
  hub = null;
}

afterAll(stopHub);

let station: Library;
let url: string;
beforeAll(async () => {
  const { server } = await startHub(0);
  url = `${server.url}/`;
  station = await tempLibrary('seen-signatures-station-');
  await enrolApproved(station, url, hub!.library, { name: 'Xã A' });
});

interface Outgoing {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A usage report signed by the station, its clock `skewMs` ahead. */
async function usageReport(searches: number, skewMs = 0): Promise<Outgoing> {
  const day = new Date(Date.now() + skewMs).toISOString().slice(0, 10);
  const body = Buffer.from(JSON.stringify({ stationId: stationId(station), stationName: 'Xã A', days: [{ day, counts: { search: searches } }] }));
  const target = new URL('hub/usage', url).toString();
  const headers = { 'Content-Type': 'application/json' };
  const fields = await new HubSigner(station, () => Date.now() + skewMs).sign('POST', target, (name) => (name === 'content-type' ? headers['Content-Type'] : null), body);
  return { url: target, headers: { ...headers, ...fields }, body };
}

async function send(request: Outgoing) {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
  const answer = (await response.json().catch(() => ({}))) as { error?: { key?: string } };
  return [response.status, answer.error?.key ?? null];
}

const seenCreated = () => hub!.library.db.prepare('SELECT created FROM hub_seen_signatures ORDER BY created').pluck().all() as number[];

describe('the signatures a hub has seen', () => {
  it('are kept across a restart of the hub, which still refuses a replay, and pruned once out of the window', async () => {
    const report = await usageReport(3);
    expect(await send(report)).toEqual([200, null]);
    const port = hub!.server.port;
    await stopHub();
    await startHub(port);
    expect(await send(report)).toEqual([401, 'hub.signatureReplayed']);
    const acceptedAt = Math.max(...seenCreated());

    // Later than the window (and the once-a-minute pruning) by the hub's clock; the station signs by it too.
    const later = (REPLAY_WINDOW_SECONDS + 61) * 1000;
    hubSkewMs = later;
    expect(await send(await usageReport(4, later))).toEqual([200, null]);
    const left = seenCreated();
    expect(left.length).toBeGreaterThan(0);
    expect(Math.min(...left)).toBeGreaterThan(acceptedAt);
    expect(Math.min(...left)).toBeGreaterThanOrEqual(Math.floor((Date.now() + later) / 1000) - REPLAY_WINDOW_SECONDS);
  });
});
