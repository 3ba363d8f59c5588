/**
 * Schema of migration 18 (issue 17, quotas and the hub's view of its stations), all in the hub's
 * register of stations: the feed cursor each station last reported (its signed usage report
 * carries it), where each enrolment request came from (pending requests are bounded per source
 * address), and what each station spent today of its daily quotas (uploads created, usage rows
 * written), reset when the hub's day changes. Empty where no hub runs.
 */
export const NETWORK_SCHEMA = `
  -- The station's feed cursor as its last usage report said: the highest root sequence it applied
  -- from the hub's feed, and when it applied it (the station's clock).
  ALTER TABLE hub_stations ADD COLUMN feed_sequence INTEGER;
  ALTER TABLE hub_stations ADD COLUMN feed_applied_at TEXT;

  -- The source address of its enrolment request (an IPv4 address or an IPv6 /64).
  ALTER TABLE hub_stations ADD COLUMN requested_from TEXT;
  CREATE INDEX hub_stations_pending_from ON hub_stations (requested_from) WHERE state = 'pending';

  -- Its daily quotas spent on quota_day (the hub's local day; another day reads as none spent).
  ALTER TABLE hub_stations ADD COLUMN quota_day TEXT;
  ALTER TABLE hub_stations ADD COLUMN uploads_today INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE hub_stations ADD COLUMN usage_rows_today INTEGER NOT NULL DEFAULT 0;
`;

/**
 * Schema of migration 19 (issue 17, a hub of thousands of stations): indexes for the stations
 * screen's pages (./station-list.ts) — a state's stations in the order listed (province, commune,
 * name) read straight from an index, and one province's stations counted per state, and the
 * provinces counted, from a covering index.
 */
export const STATION_LIST_SCHEMA = `
  CREATE INDEX hub_stations_listed ON hub_stations (state, province, commune, name);
  CREATE INDEX hub_stations_place ON hub_stations (province, state);
`;
