/**
 * Issue 17, a hub of a country's communes: `stations.list` over 3,000 stations in a real SQLite
 * catalog answers a page at a time — 50 unless asked, at most 200 — pending first, then each
 * state by province, commune and name; its totals (all pages, per state within the province and
 * search, per province) are right; the province filter is exact; the search finds a name or a
 * commune typed with or without diacritics; pages follow one another without a gap or a repeat;
 * the query plans use the register's indexes. Through the contract too (officials only, bounds
 * checked), and from a terminal: `bookshelf moderate --stations` a page of 50 saying which page
 * of how many, `--page N`, `--province NAME`, `--all`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runModerate } from '../../../catalog/cli/moderate.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { listStations } from '../../../catalog/hub/station-list.js';
import type { Library } from '../../../catalog/library.js';
import { HUB_STATION_ORDER } from '../../../shared/contract/stations.js';
import type { GeneratedStation } from '../../helpers/generated-stations.js';
import { PROVINCES_2025, generateStations } from '../../helpers/generated-stations.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const COUNT = 3000;
let hub: Library;
let generated: GeneratedStation[];

beforeAll(async () => {
  hub = await tempLibrary('station-list-');
  generated = generateStations(hub.db, COUNT);
});

const countOf = (where: (station: GeneratedStation) => boolean) => generated.filter(where).length;

describe('stations.list over 3,000 stations', () => {
  it('answers the first page with 50, pending first, with the totals of every page', () => {
    const page = listStations(hub);
    expect(page.stations).toHaveLength(50);
    expect(page.total).toBe(COUNT);
    expect(page.counts).toEqual({
      pending: countOf((s) => s.state === 'pending'),
      approved: countOf((s) => s.state === 'approved'),
      refused: countOf((s) => s.state === 'refused'),
      revoked: countOf((s) => s.state === 'revoked'),
      unenrolled: 0,
    });
    expect(page.counts.pending).toBe(300);
    // Pending first, oldest request first.
    expect(page.stations.every((station) => station.state === 'pending')).toBe(true);
    expect(page.stations.map((station) => station.requestedAt)).toEqual(page.stations.map((station) => station.requestedAt).sort());
    expect(page.provinces).toHaveLength(34);
    expect(page.provinces.reduce((sum, one) => sum + one.count, 0)).toBe(COUNT);
    expect(page.provinces.find((one) => one.name === 'Tỉnh Phú Thọ')?.count).toBe(countOf((s) => s.province === 'Tỉnh Phú Thọ'));
    expect(page.provinces.map((one) => one.name)).toEqual([...PROVINCES_2025].sort((a, b) => a.localeCompare(b, 'vi')));
  });

  it('pages through every station once, in state order then province, commune and name', () => {
    const seen: string[] = [];
    const states: string[] = [];
    for (let offset = 0; offset < COUNT; offset += 200) {
      const page = listStations(hub, { offset, limit: 200 });
      expect(page.stations.length).toBe(Math.min(200, COUNT - offset));
      for (const station of page.stations) {
        seen.push(station.stationId);
        states.push(station.state);
      }
    }
    expect(new Set(seen).size).toBe(COUNT);
    const place = (state: string) => HUB_STATION_ORDER.indexOf(state as (typeof HUB_STATION_ORDER)[number]);
    expect(states.map(place)).toEqual([...states.map(place)].sort((a, b) => a - b));
    const approved = listStations(hub, { state: 'approved', limit: 200 }).stations;
    const keys = approved.map((station) => [station.province, station.commune, station.name].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
    expect(listStations(hub, { offset: COUNT }).stations).toEqual([]);
  });

  it('filters by state and by province exactly as written, with the counts within the province', () => {
    const province = 'Tỉnh Phú Thọ';
    const inProvince = (s: GeneratedStation) => s.province === province;
    const page = listStations(hub, { province, state: 'approved' });
    expect(page.total).toBe(countOf((s) => inProvince(s) && s.state === 'approved'));
    expect(page.counts.pending).toBe(countOf((s) => inProvince(s) && s.state === 'pending'));
    expect(page.stations.length).toBe(Math.min(50, page.total));
    expect(page.stations.every((station) => station.province === province && station.state === 'approved')).toBe(true);
    // The provinces stay all there, whatever the filter.
    expect(page.provinces).toHaveLength(34);
    // Exact: the province folded or cut short is no province.
    expect(listStations(hub, { province: 'tinh phu tho' }).total).toBe(0);
    expect(listStations(hub, { province: 'Phú Thọ' }).total).toBe(0);
  });

  it('finds a name or a commune typed with or without diacritics, in any case', () => {
    const hoaBinh = countOf((s) => s.commune.includes('Hòa Bình'));
    expect(hoaBinh).toBeGreaterThan(100);
    for (const query of ['hoa binh', 'Hòa Bình', 'HOA BÌNH', '  hoà   bình ']) expect(listStations(hub, { query }).total, query).toBe(hoaBinh);
    // One station by its number: "Đông Hưng 4" also matches 40…49, 400…; the count says exactly how many.
    const dongHung = listStations(hub, { query: 'dong hung 4', limit: 200 });
    expect(dongHung.total).toBe(countOf((s) => /Đông Hưng 4/.test(s.commune)));
    expect(dongHung.stations.every((station) => station.commune.startsWith('Xã Đông Hưng 4'))).toBe(true);
    // "đ" folds to "d"; the search and the province together; nothing matches: an empty page with zero counts.
    expect(listStations(hub, { query: 'thach da', province: 'Tỉnh Cà Mau' }).total).toBe(countOf((s) => s.commune.includes('Thạch Đà') && s.province === 'Tỉnh Cà Mau'));
    const none = listStations(hub, { query: 'không có xã này' });
    expect(none).toMatchObject({ stations: [], total: 0, counts: { pending: 0, approved: 0, refused: 0, revoked: 0, unenrolled: 0 } });
    expect(none.provinces).toHaveLength(34);
  });

  it('reads a state’s page and a province’s counts through the indexes', () => {
    const plan = (sql: string, ...params: unknown[]) => (hub.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan(`SELECT * FROM hub_stations s WHERE s.state = ? ORDER BY s.province, s.commune, s.name LIMIT 50`, 'approved')).toMatch(/USING INDEX hub_stations_listed/);
    expect(plan(`SELECT s.state, count(*) FROM hub_stations s WHERE s.province = ? GROUP BY s.state`, 'Tỉnh Phú Thọ')).toMatch(/USING COVERING INDEX hub_stations_place/);
  });

  it('is for officials only, 200 a page at most', async () => {
    const { call } = await contractOf(hub);
    const answer = await call('stations.list', { province: 'Tỉnh Lào Cai', query: 'an phu', limit: 10 });
    expect(answer).toMatchObject({ ok: true, result: { total: countOf((s) => s.province === 'Tỉnh Lào Cai' && s.commune.includes('An Phú')) } });
    for (const role of ['anyone', 'librarian'] as const) expect(await call('stations.list', {}, role)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const input of [{ limit: 201 }, { limit: 0 }, { offset: -1 }, { province: 'x'.repeat(201) }]) expect(await call('stations.list', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('pages from a terminal: 50 a page saying which of how many, --page, --province, --all', async () => {
    const moderate = async (flags: { page?: string; province?: string; all?: boolean; json?: boolean; usage?: boolean; stations?: boolean }) => {
      const printed: string[] = [];
      const status = await runModerate({ libraryDir: hub.dir, stations: true, usage: false, json: false, ...flags, all: flags.all ?? false }, (text) => void printed.push(text));
      expect(status).toBe(0);
      return printed.join('');
    };
    const stationLines = (text: string) => text.split('\n').filter((line) => /^[0-9a-f]{32} {2}/.test(line));
    const first = await moderate({});
    expect(stationLines(first)).toHaveLength(50);
    expect(first).toContain('Trang 1/60: trạm 1–50 trong 3000; --page N xem trang khác, --all xem tất cả / Page 1/60: stations 1–50 of 3000');
    const second = await moderate({ page: '2' });
    expect(stationLines(second).map((line) => line.slice(0, 32))).toEqual(listStations(hub, { offset: 50 }).stations.map((station) => station.stationId));
    expect(second).toContain('Trang 2/60: trạm 51–100 trong 3000');
    const laoCai = countOf((s) => s.province === 'Tỉnh Lào Cai');
    expect(await moderate({ province: 'Tỉnh Lào Cai' })).toContain(`Trang 1/${Math.ceil(laoCai / 50)}: trạm 1–${Math.min(50, laoCai)} trong ${laoCai}`);
    const all = await moderate({ all: true });
    expect(new Set(stationLines(all).map((line) => line.slice(0, 32))).size).toBe(COUNT);
    expect(all).not.toContain('Trang ');
    expect(JSON.parse(await moderate({ page: '60', json: true }))).toMatchObject({ total: COUNT, stations: { length: 50 } });
    for (const flags of [{ page: '0' }, { page: 'x' }, { page: '2', all: true }, { province: 'Tỉnh Lào Cai', stations: false }]) {
      await expect(moderate(flags), JSON.stringify(flags)).rejects.toBeInstanceOf(UsageError);
    }
  });
});
