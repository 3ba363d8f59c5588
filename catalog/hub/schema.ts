/**
 * Schema of a hub's side of the exchange (migration 10, with the station's outbox of
 * catalog/outbox/schema.ts): the moderation queue of uploads received, and the usage counts
 * stations report. Empty on a station that is not a hub.
 */
export const HUB_SCHEMA = `
  -- Uploads a hub received whole and checked (sha256, PDF/EPUB), waiting for an official.
  CREATE TABLE hub_uploads (
    id             TEXT PRIMARY KEY, -- the tus upload id
    station_id     TEXT NOT NULL,
    station_name   TEXT NOT NULL,
    publication_id TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL, -- JSON, as sent
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    size           INTEGER NOT NULL,
    media_type     TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    reason         TEXT,
    received_at    TEXT NOT NULL,
    decided_at     TEXT,
    decided_by     TEXT
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX hub_uploads_state ON hub_uploads (state, received_at);

  -- Daily counts stations report to their hub: a resend of a day replaces it, never adds.
  CREATE TABLE hub_usage (
    station_id TEXT NOT NULL,
    day        TEXT NOT NULL,
    counter    TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (station_id, day, counter)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE hub_stations (
    station_id     TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    last_report_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
`;
