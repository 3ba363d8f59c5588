/**
 * Issue 17, the hub's view of its stations: real stations on 127.0.0.1 sync the hub's feed (two
 * publishes apart), report their use signed, and the hub shows for each its feed cursor (the
 * sequence it applied, beside the hub's last publish), when it was last seen and its use; summed
 * per province however its stations spelled it, over a period; an approved station that never
 * reported shows with nothing counted, a pending one does not. A report without the cursor (an
 * older station) is still taken and keeps the cursor known. Through the contract (officials
 * only) and `bookshelf moderate --usage --by`.
 */
import fs from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runModerate } from '../../../catalog/cli/moderate.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { publish } from '../../../catalog/feed/publish.js';
import type { Library } from '../../../catalog/library.js';
import { HubSigner } from '../../../catalog/outbox/hub-signer.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { usageUpload } from '../../../catalog/outbox/usage-report.js';
import { localDay, recordRead } from '../../../catalog/reads.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import { addSource } from '../../../catalog/sync/sources.js';
import { countUsage } from '../../../catalog/usage.js';
import type { NetworkUsage, StationList } from '../../../shared/contract/stations.js';
import { askToEnrol, enrolApproved } from '../../helpers/enrolled-station.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { addDocument, keys } from '../feed/fixtures.js';
import { startHub } from '../outbox/fixtures.js';

/** Ten in the morning `n` days ago. */
const daysAgo = (n: number) => {
  const at = new Date(Date.now() - n * 86_400_000);
  at.setHours(10, 0, 0, 0);
  return at;
};

describe('the hub’s view of its stations', () => {
  it('shows each station’s cursor, last report and use, per station and per province, over a period', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    const key = keys();
    const publicKey = fs.readFileSync(key.publicKeyPath, 'utf8');
    await addDocument(hub.library, 'luat-1', 'Luật Hòa giải ở cơ sở', 'noi dung 1');
    await publish(hub.library, { outDir: hub.feedDir, privateKey: key.privateKey });

    const enrolled = async (name: string, province: string) => {
      const library = await tempLibrary('network-station-');
      await enrolApproved(library, hub.url, hub.library, { name, commune: name, province });
      return library;
    };
    const syncs = async (library: Library) => {
      const source = addSource(library, { location: hub.url, publicKeys: [publicKey] });
      expect(await syncOnce(library, source, new HttpSource(hub.url))).toMatchObject({ status: 'applied' });
    };
    const reports = async (library: Library) => {
      const service = new OutboxService(library, { background: false });
      onTestFinished(() => service.dispose());
      expect(await service.runOnce()).toMatchObject({ usageSent: true });
    };

    const anBinh = await enrolled('Xã An Bình', 'Tỉnh Phú Thọ');
    const tanDan = await enrolled('Phường Tân Dân', 'phú thọ');
    const yenLac = await enrolled('Xã Yên Lạc', 'Thành phố Hà Nội');
    const silent = await enrolled('Xã Lặng Im', 'Tỉnh Phú Thọ');
    await askToEnrol(await tempLibrary('network-pending-'), hub.url, { name: 'Xã Chờ', province: 'Tỉnh Phú Thọ' });

    await syncs(anBinh);
    await addDocument(hub.library, 'luat-2', 'Luật Đất đai', 'noi dung 2');
    await publish(hub.library, { outDir: hub.feedDir, privateKey: key.privateKey });
    await syncs(tanDan);

    countUsage(anBinh.db, 'search', 3, daysAgo(2));
    recordRead(anBinh.db, 'luat-1', daysAgo(2));
    recordRead(anBinh.db, 'luat-1', daysAgo(2));
    countUsage(anBinh.db, 'search', 100, daysAgo(40));
    countUsage(tanDan.db, 'search', 5, daysAgo(1));
    countUsage(yenLac.db, 'search', 7, daysAgo(3));
    countUsage(yenLac.db, 'page_printed', 4, daysAgo(3));
    for (const library of [anBinh, tanDan, yenLac]) await reports(library);

    const { call } = await contractOf(hub.library);
    const period = { from: localDay(daysAgo(10)), to: localDay(daysAgo(0)) };
    const byStation = (await call('stations.usage', { ...period, by: 'station' })) as { ok: true; result: NetworkUsage };
    expect(byStation.ok).toBe(true);
    const usage = byStation.result;
    expect(usage).toMatchObject({ ...period, by: 'station', publishedSequence: 2, totals: { search: 15, opened: 2, page_printed: 4 } });
    // Hà Nội before Phú Thọ; within a province by commune; the pending station is not shown.
    expect(usage.rows.map((row) => [row.name, row.province, row.feedSequence, row.reporting, row.totals])).toEqual([
      ['Xã Yên Lạc', 'Thành phố Hà Nội', null, 1, { search: 7, page_printed: 4 }],
      ['Phường Tân Dân', 'phú thọ', 2, 1, { search: 5 }],
      ['Xã An Bình', 'Tỉnh Phú Thọ', 1, 1, { search: 3, opened: 2 }],
      ['Xã Lặng Im', 'Tỉnh Phú Thọ', null, 0, {}],
    ]);
    expect(usage.rows.map((row) => row.key)).toEqual([yenLac, tanDan, anBinh, silent].map(stationId));
    expect(usage.rows[2].lastReportAt).not.toBeNull();
    expect(usage.rows[3].lastReportAt).toBeNull();

    const byProvince = ((await call('stations.usage', { ...period, by: 'province' })) as { result: NetworkUsage }).result;
    expect(byProvince.rows.map((row) => [row.key, row.name, row.stations, row.reporting, row.feedSequence, row.totals])).toEqual([
      ['ha noi', 'Thành phố Hà Nội', 1, 1, null, { search: 7, page_printed: 4 }],
      ['phu tho', 'Tỉnh Phú Thọ', 3, 2, 1, { search: 8, opened: 2 }],
    ]);
    expect(byProvince.totals).toEqual(usage.totals);
    // Every day reported: An Bình's search of 40 days ago counts too.
    expect(((await call('stations.usage', { by: 'province' })) as { result: NetworkUsage }).result.totals.search).toBe(115);

    // The stations screen: cursor and when it was applied, last seen.
    const listed = ((await call('stations.list', { state: 'approved' })) as { result: StationList }).result.stations;
    const of = (library: Library) => listed.find((station) => station.stationId === stationId(library));
    expect(of(anBinh)).toMatchObject({ feedSequence: 1, feedAppliedAt: expect.any(String), lastSeenAt: expect.any(String) });
    expect(of(tanDan)).toMatchObject({ feedSequence: 2 });
    expect(of(silent)).toMatchObject({ feedSequence: null, feedAppliedAt: null });

    // Officials only.
    for (const role of ['anyone', 'librarian'] as const) expect(await call('stations.usage', { by: 'station' }, role)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('stations.usage', { from: period.to, to: period.from, by: 'station' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // An older station's report, without the cursor: taken, the cursor known before kept.
    const { feed: _feed, ...older } = usageUpload(anBinh);
    const answer = await new HubSigner(anBinh).fetch(new URL('hub/usage', hub.url).toString(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(older) });
    expect(answer.status).toBe(200);
    expect(of(anBinh)?.feedSequence).toBe(1);

    // The same from a terminal.
    const printed: string[] = [];
    const moderate = (flags: { by?: string; from?: string; to?: string; json?: boolean; usage?: boolean }) =>
      runModerate({ libraryDir: hub.library.dir, all: false, usage: flags.usage ?? true, json: flags.json ?? false, by: flags.by, from: flags.from, to: flags.to }, (text) => void printed.push(text));
    expect(await moderate({ by: 'province', ...period })).toBe(0);
    expect(printed.join('')).toContain('Tỉnh Phú Thọ (2/3');
    expect(printed.join('')).toContain('search=8');
    printed.length = 0;
    expect(await moderate({ by: 'station', ...period, json: true })).toBe(0);
    expect(JSON.parse(printed.join(''))).toEqual(((await call('stations.usage', { ...period, by: 'station' })) as { result: NetworkUsage }).result);
    printed.length = 0;
    expect(await moderate({ by: 'station', ...period })).toBe(0);
    expect(printed.join('')).toMatch(/Xã An Bình, Tỉnh Phú Thọ: opened=2, search=3\n\s+.*1\/2/);
    await expect(moderate({ by: 'commune' })).rejects.toBeInstanceOf(UsageError);
    await expect(moderate({ by: 'province', usage: false })).rejects.toBeInstanceOf(UsageError);
    await expect(moderate({ by: 'province', from: '2026-02-30' })).rejects.toBeInstanceOf(UsageError);
  });
});
