/**
 * Schema of enrolment (migration 17), both ends as migration 10 did: the hub's register of
 * stations with their public keys and the signatures it has seen lately (replays), and the
 * station's own record of its enrolment with each hub it asked. Each stays empty where its role
 * does not run.
 */
export const ENROLMENT_SCHEMA = `
  -- The hub's stations: enrolled with a key (pending until an official decides, then approved,
  -- refused or revoked), or known only from usage reports sent before enrolment existed
  -- ('unenrolled', no key: never accepted again until it enrols).
  CREATE TABLE hub_stations_v17 (
    station_id     TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    commune        TEXT NOT NULL DEFAULT '',
    province       TEXT NOT NULL DEFAULT '',
    public_key     TEXT,                -- the raw Ed25519 public key, base64url
    state          TEXT NOT NULL DEFAULT 'unenrolled'
                   CHECK (state IN ('unenrolled', 'pending', 'approved', 'refused', 'revoked')),
    requested_at   TEXT,
    decided_at     TEXT,
    decided_by     TEXT,
    last_seen_at   TEXT,                -- its last request accepted (to the minute)
    last_report_at TEXT,                -- its last usage report
    CHECK ((state = 'unenrolled') = (public_key IS NULL))
  ) STRICT, WITHOUT ROWID;
  INSERT INTO hub_stations_v17 (station_id, name, last_seen_at, last_report_at)
    SELECT station_id, name, last_report_at, last_report_at FROM hub_stations;
  DROP TABLE hub_stations;
  ALTER TABLE hub_stations_v17 RENAME TO hub_stations;
  CREATE INDEX hub_stations_state ON hub_stations (state, requested_at);

  -- Signatures the hub accepted within the replay window (catalog/hub/seen-signatures.ts).
  CREATE TABLE hub_seen_signatures (
    signature TEXT PRIMARY KEY,        -- base64
    created   INTEGER NOT NULL         -- its created parameter, Unix seconds
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX hub_seen_signatures_created ON hub_seen_signatures (created);

  -- The station's enrolment with a hub, as the hub last said it.
  CREATE TABLE station_enrolment (
    hub_url      TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    commune      TEXT NOT NULL,
    province     TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'revoked', 'unknown')),
    requested_at TEXT NOT NULL,
    decided_at   TEXT,
    checked_at   TEXT NOT NULL,        -- when the hub last said it
    refusal      TEXT                  -- the hub's last refusal, a message reference (JSON)
  ) STRICT;
`;
