/**
 * A page of the hub's register of stations (`stations.list`, `bookshelf moderate --stations`): a
 * hub serves thousands of communes, so the list is read a page at a time (50 unless asked, at
 * most 200), filtered by state, by province exactly as stations wrote it, and by a search of
 * name and commune folded like every search in the app (no accents, no case: "hoa binh" finds
 * "Xã Hòa Bình"). Pending stations come first, oldest request first; then approved, refused,
 * revoked and unenrolled ones, each by province, commune and name. Beside the page: how many
 * match in all, how many in each state within the province and search, and every province with
 * its stations. Indexes: hub_stations_listed and hub_stations_place (./network-schema.ts).
 */
import type { Db } from '../db/open.js';
import type { Library } from '../library.js';
import { vnFold } from '../../shared/text.js';
import { HUB_STATION_ORDER, HUB_STATION_STATES, STATIONS_PAGE_SIZE } from '../../shared/contract/stations.js';
import type { HubStation, HubStationState, StationList } from '../../shared/contract/stations.js';
import { toStation } from './stations.js';
import type { StationRow } from './stations.js';

export interface StationFilter {
  state?: HubStationState | 'all';
  /** Exactly as stations wrote it ('' or absent: every province). */
  province?: string;
  /** Words of a station's name or commune, with or without diacritics. */
  query?: string;
  offset?: number;
  limit?: number;
}

const FOLD_FUNCTION = 'vn_fold';
const folding = new WeakSet<Db>();

/** Makes shared/text.ts's folding callable from SQL on this connection (once). */
function registerFolding(db: Db): void {
  if (folding.has(db)) return;
  db.function(FOLD_FUNCTION, { deterministic: true }, (text: unknown) => vnFold(String(text ?? '')));
  folding.add(db);
}

/** The search folded, spaces collapsed; '' when there is none. */
export const foldedQuery = (query: string | undefined) => vnFold(query ?? '').replace(/\s+/g, ' ').trim();

const STATE_PLACE = `CASE s.state ${HUB_STATION_ORDER.map((state, place) => `WHEN '${state}' THEN ${place}`).join(' ')} END`;
const ORDER = `${STATE_PLACE}, CASE WHEN s.state = 'pending' THEN s.requested_at END, s.province, s.commune, s.name, s.station_id`;

/** The WHERE clause of the province and search filters, and its parameters. */
function placeFilter(province: string, query: string): { sql: string; params: Record<string, string> } {
  const terms: string[] = [];
  if (province !== '') terms.push('s.province = @province');
  if (query !== '') terms.push(`instr(${FOLD_FUNCTION}(s.name || ' ' || s.commune), @query) > 0`);
  return { sql: terms.join(' AND '), params: { ...(province !== '' && { province }), ...(query !== '' && { query }) } };
}

/** A page of stations with the totals the filters show. */
export function listStations(library: Library, filter: StationFilter = {}): StationList {
  const db = library.db;
  registerFolding(db);
  const state = filter.state ?? 'all';
  const place = placeFilter(filter.province ?? '', foldedQuery(filter.query));
  const where = (...more: string[]) => {
    const terms = [place.sql, ...more].filter(Boolean);
    return terms.length ? `WHERE ${terms.join(' AND ')}` : '';
  };
  const inState = state === 'all' ? '' : 's.state = @state';
  const params = { ...place.params, ...(state !== 'all' && { state }) };

  const counts = Object.fromEntries(HUB_STATION_STATES.map((one) => [one, 0])) as Record<HubStationState, number>;
  for (const row of db.prepare(`SELECT s.state, count(*) AS n FROM hub_stations s ${where()} GROUP BY s.state`).all(place.params) as { state: HubStationState; n: number }[]) {
    counts[row.state] = row.n;
  }
  const total = state === 'all' ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[state];
  const rows = db
    .prepare(`SELECT s.* FROM hub_stations s ${where(inState)} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: filter.limit ?? STATIONS_PAGE_SIZE, offset: filter.offset ?? 0 }) as StationRow[];
  const provinces = (db.prepare('SELECT province AS name, count(*) AS count FROM hub_stations GROUP BY province').all() as StationList['provinces'])
    .filter((one) => one.name !== '')
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { stations: withPendingUploads(db, rows), total, counts, provinces };
}

/** The page's stations with their uploads waiting for moderation, counted for these stations only. */
function withPendingUploads(db: Db, rows: StationRow[]): HubStation[] {
  if (rows.length === 0) return [];
  const waiting = new Map(
    (
      db
        .prepare(`SELECT station_id, count(*) AS n FROM hub_uploads WHERE state = 'pending' AND station_id IN (SELECT value FROM json_each(?)) GROUP BY station_id`)
        .all(JSON.stringify(rows.map((row) => row.station_id))) as { station_id: string; n: number }[]
    ).map((row) => [row.station_id, row.n]),
  );
  return rows.map((row) => toStation({ ...row, pending_uploads: waiting.get(row.station_id) ?? 0 }));
}
