/**
 * Schema of the station's outbox (migration 10, with the hub's tables of catalog/hub/schema.ts).
 * One program at every level: a station fills `outbox`, a hub its own tables; each stays empty
 * where its role does not run.
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
`;
