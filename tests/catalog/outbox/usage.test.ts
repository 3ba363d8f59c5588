/**
 * Issue 7: the station's daily counts go to the hub with its uploads and at least once a day;
 * the hub keeps them per station and day, replacing a resent day (never doubling), and sums them
 * per station. Each station is enrolled and approved (issue 17): its reports are signed.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { runModerate } from '../../../catalog/cli/moderate.js';
import { usageByStation } from '../../../catalog/hub/usage.js';
import type { Library } from '../../../catalog/library.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { outboxSettings } from '../../../catalog/outbox/settings.js';
import { localDay, recordRead } from '../../../catalog/reads.js';
import { countNoResult, countUsage } from '../../../catalog/usage.js';
import { usageUpload } from '../../../catalog/outbox/usage-report.js';
import { enrolApproved } from '../../helpers/enrolled-station.js';
import { pdfBytes, startHub, startProxy, stationWith } from './fixtures.js';

async function station(hubUrl: string, hub: Library, name: string) {
  const made = await stationWith(pdfBytes(1000), { name });
  await enrolApproved(made.library, hubUrl, hub, { name });
  const service = new OutboxService(made.library, { background: false });
  onTestFinished(() => service.dispose());
  return { ...made, service };
}

/** Ten in the morning, `n` days after a week ago: recent days, which the hub takes. */
const day = (n: number) => {
  const at = new Date(Date.now() + (n - 7) * 86_400_000);
  at.setHours(10, 0, 0, 0);
  return at;
};

function use(library: Library, id: string, at: Date, searches: number, opened: number) {
  countUsage(library.db, 'search', searches, at);
  for (let i = 0; i < opened; i++) recordRead(library.db, id, at);
}

describe('usage counts at the hub', () => {
  it('are sent once a day, replaced when resent, and summed per station', async () => {
    const hub = await startHub();
    const proxy = await startProxy(() => hub.url);
    onTestFinished(() => hub.close());
    onTestFinished(() => proxy.close());
    const a = await station(proxy.url, hub.library, 'Xã An Bình');
    const b = await station(proxy.url, hub.library, 'Phường Đông Hòa');
    use(a.library, a.id, day(1), 3, 2);
    use(a.library, a.id, day(2), 4, 1);
    use(b.library, b.id, day(2), 10, 5);

    const now = day(2);
    expect(await a.service.runOnce(() => now)).toMatchObject({ usageSent: true });
    expect(await b.service.runOnce(() => now)).toMatchObject({ usageSent: true });
    // Within the day nothing is sent again.
    expect(await a.service.runOnce(() => new Date(now.getTime() + 3_600_000))).toMatchObject({ usageSent: false });
    const sums = () => Object.fromEntries(usageByStation(hub.library).map((s) => [s.stationName, s.totals]));
    expect(sums()).toEqual({ 'Xã An Bình': { opened: 3, search: 7 }, 'Phường Đông Hòa': { opened: 5, search: 10 } });

    // A day later: resent whole; the same days replace, never double; the new count shows.
    use(a.library, a.id, day(2), 1, 0);
    expect(await a.service.runOnce(() => day(3))).toMatchObject({ usageSent: true });
    expect(await a.service.runOnce(() => day(4))).toMatchObject({ usageSent: true });
    expect(sums()).toEqual({ 'Xã An Bình': { opened: 3, search: 8 }, 'Phường Đông Hòa': { opened: 5, search: 10 } });
    expect(usageByStation(hub.library, { from: localDay(day(2)), to: localDay(day(2)) }).find((s) => s.stationName === 'Xã An Bình')?.totals).toEqual({ opened: 1, search: 5 });
    expect(usageByStation(hub.library).map((s) => s.stationId).sort()).toEqual([outboxSettings(a.library).stationId, outboxSettings(b.library).stationId].sort());
    expect(outboxSettings(a.library).usageSentAt).toBe(day(4).toISOString());

    const out: string[] = [];
    expect(await runModerate({ libraryDir: hub.library.dir, all: false, usage: true, json: true }, (t) => void out.push(t))).toBe(0);
    expect(JSON.parse(out[0])).toHaveLength(2);

    // Only counts leave the station: no publication id, no search term.
    countNoResult(a.library.db, 'thu tuc ly hon', day(4));
    const report = JSON.stringify(usageUpload(a.library, day(4)));
    expect(report).not.toContain(a.id);
    expect(report).not.toContain('ly hon');
    expect(Object.keys(JSON.parse(report) as object)).toEqual(['stationId', 'stationName', 'days']);
    expect(proxy.log.filter((r) => r.path === '/hub/usage' && r.status === 200)).toHaveLength(4);
  });

  it('refuses a malformed or oversized report with nothing stored', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    const a = await station(hub.url, hub.library, 'Xã An Bình');
    const signer = new HubSigner(a.library);
    const post = (body: string) => signer.fetch(new URL('hub/usage', hub.url).toString(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect((await post('{"stationId":"x"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ stationId: 'a'.repeat(32), stationName: 'X', days: [], pad: 'x'.repeat(300_000) }))).status).toBe(413);
    expect((await fetch(new URL('hub/usage', hub.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect(usageByStation(hub.library)).toEqual([]);
  });
});
