/**
 * Numbered schema migrations. Append only: a released migration is never edited, a change
 * is a new entry. `PRAGMA user_version` records the last one applied.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'publications, files, settings',
    sql: `
      CREATE TABLE publications (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('legal', 'book', 'guide', 'qa')),
        title          TEXT NOT NULL,
        title_sort     TEXT NOT NULL,
        number         TEXT,
        number_key     TEXT,
        doc_type       TEXT,
        issuer         TEXT,
        issued_date    TEXT,
        effective_date TEXT,
        legal_status   TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (legal_status IN ('in_force', 'partly_in_force', 'not_in_force', 'unknown')),
        fields         TEXT NOT NULL DEFAULT '[]',
        language       TEXT NOT NULL DEFAULT 'vi',
        authors        TEXT NOT NULL DEFAULT '[]',
        publisher      TEXT,
        description    TEXT,
        origin         TEXT NOT NULL DEFAULT 'national' CHECK (origin IN ('national', 'local')),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX publications_title_sort ON publications (title_sort);
      CREATE INDEX publications_issued ON publications (issued_date);
      CREATE INDEX publications_number_key ON publications (number_key);
      CREATE INDEX publications_created ON publications (created_at);

      CREATE TABLE files (
        sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size       INTEGER NOT NULL CHECK (size >= 0),
        media_type TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('pending', 'present', 'corrupt')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE publication_files (
        publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        sha256         TEXT NOT NULL REFERENCES files (sha256),
        role           TEXT NOT NULL CHECK (role IN ('content', 'cover')),
        PRIMARY KEY (publication_id, sha256)
      ) STRICT;
      CREATE INDEX publication_files_sha256 ON publication_files (sha256);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
