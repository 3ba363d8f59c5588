/**
 * A hub's stations screen at national scale (issue 17), `BENCH_ONLY=hub-stations`: 3,000
 * generated stations (BENCH_HUB_STATIONS) in a hub's catalog on disk; `stations.list` — the
 * page with the count per state, the provinces and each station's uploads waiting — timed for
 * the first page, one province's page and a search typed without diacritics, each beside a bare
 * SELECT of the same page's rows (same ORDER BY and LIMIT, no counts) on a plain better-sqlite3
 * handle to the same file. Median and 95th percentile of 200 runs after 20 to warm up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listStations } from '../../catalog/hub/station-list.js';
import type { StationFilter } from '../../catalog/hub/station-list.js';
import { Library } from '../../catalog/library.js';
import { libraryLayout } from '../../catalog/paths.js';
import { generateStations } from '../helpers/generated-stations.js';

const RUNS = 200;
const WARM_UP = 20;

/** The list's order, as a bare SELECT writes it. */
const ORDER = `CASE state WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'refused' THEN 2 WHEN 'revoked' THEN 3 ELSE 4 END,
  CASE WHEN state = 'pending' THEN requested_at END, province, commune, name, station_id`;

function timed(fn: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < WARM_UP; i += 1) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(RUNS / 2)], p95: samples[Math.floor(RUNS * 0.95)] };
}

export interface StationsPageFigures {
  name: string;
  rows: number;
  total: number;
  list: { p50: number; p95: number };
  bare: { p50: number; p95: number };
}

export async function benchHubStations(): Promise<{ rows: [string, string, string][]; json: { stations: number; pages: StationsPageFigures[] } }> {
  const count = Number(process.env.BENCH_HUB_STATIONS ?? 3000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bookshelf-bench-stations-'));
  const library = await Library.open(dir);
  const bare = new Database(libraryLayout(dir).database, { readonly: true });
  try {
    generateStations(library.db, count);
    const cases: { name: string; filter: StationFilter; sql: string; params: unknown[] }[] = [
      { name: 'first page', filter: {}, sql: `SELECT * FROM hub_stations ORDER BY ${ORDER} LIMIT 50`, params: [] },
      { name: 'a province’s page', filter: { province: 'Tỉnh Phú Thọ' }, sql: `SELECT * FROM hub_stations WHERE province = ? ORDER BY ${ORDER} LIMIT 50`, params: ['Tỉnh Phú Thọ'] },
      {
        name: 'a search without diacritics ("hoa binh")',
        filter: { query: 'hoa binh' },
        // The bare baseline matches the accented words as stored: no folding.
        sql: `SELECT * FROM hub_stations WHERE instr(name || ' ' || commune, ?) > 0 ORDER BY ${ORDER} LIMIT 50`,
        params: ['Hòa Bình'],
      },
    ];
    const pages = cases.map(({ name, filter, sql, params }) => {
      const page = listStations(library, filter);
      const statement = bare.prepare(sql);
      const rows = statement.all(...params).length;
      if (rows !== page.stations.length) throw new Error(`${name}: the bare SELECT found ${rows} rows, stations.list ${page.stations.length}`);
      return { name, rows, total: page.total, list: timed(() => listStations(library, filter)), bare: timed(() => statement.all(...params)) };
    });
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    const rows = pages.map((page): [string, string, string] => [
      `hub: stations.list over ${count} stations, ${page.name} (${page.rows} of ${page.total})`,
      `p50 ${ms(page.list.p50)}, p95 ${ms(page.list.p95)}`,
      `bare SELECT of the same rows: p50 ${ms(page.bare.p50)}, p95 ${ms(page.bare.p95)} (ratio ${(page.list.p50 / page.bare.p50).toFixed(2)}×)`,
    ]);
    return { rows, json: { stations: count, pages } };
  } finally {
    bare.close();
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
