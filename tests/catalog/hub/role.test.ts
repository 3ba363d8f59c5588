/**
 * A library says whether it acts as a hub (library.info → hub), so a commune station's officials
 * are not shown the hub's screens (issue 16: a "Duyệt tài liệu gửi lên" tab on a commune
 * station). A hub is a library that has published a feed, or that stations have sent to.
 */
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { recordStationUsage } from '../../../catalog/hub/usage.js';
import { hubWith } from '../sync/fixtures.js';
import { tempLibrary } from '../../helpers/temp-library.js';

describe('a library’s role', () => {
  it('is a station until it publishes or stations send to it', async () => {
    const station = await tempLibrary('role-station-');
    await loadDemoIfEmpty(station);
    expect(station.info().hub).toBe(false);

    const { library: publisher } = await hubWith(['luat-1']);
    expect(publisher.info().hub).toBe(true);

    const receiver = await tempLibrary('role-receiver-');
    expect(receiver.info().hub).toBe(false);
    recordStationUsage(receiver, { stationId: 'a'.repeat(32), stationName: 'Xã Hòa Bình', days: [] });
    expect(receiver.info().hub).toBe(true);
  });
});
