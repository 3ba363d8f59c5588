/**
 * Schema of the outbox and the hub's moderation queue (migration 10). One program at every
 * level: a station fills `outbox`, a hub fills `hub_uploads` and `hub_usage`; each table stays
 * empty where its role does not run.
 */
export const OUTBOX_SCHEMA = `
  -- Documents this station sends to its hub. The description is copied at enqueue time, so what
  -- was acknowledged is what is sent; upload_url is the tus upload, kept so a restart resumes.
  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    publication_id  TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL, -- JSON, shared/outbox.ts uploadDescriptionSchema
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL CHECK (size >= 0),
    media_type      TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'waiting'
                    CHECK (state IN ('waiting', 'sending', 'sent', 'accepted', 'rejected', 'failed')),
    bytes_sent      INTEGER NOT NULL DEFAULT 0,
    upload_url      TEXT,
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX outbox_state ON outbox (state);

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
