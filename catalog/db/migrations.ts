/**
 * Numbered schema migrations. Append only: a released migration is never edited, a change
 * is a new entry. `PRAGMA user_version` records the last one applied.
 */
import type { Db } from './open.js';
import { indexPublication, reindexUnboundedPassages } from '../search/index-writer.js';
import { indexForms } from '../../shared/search/tokens.js';
import { ACCOUNTS_SCHEMA } from '../accounts/schema.js';
import { DESK_SCHEMA } from '../desk/schema.js';
import { OUTBOX_SCHEMA } from '../outbox/schema.js';
import { HUB_SCHEMA } from '../hub/schema.js';
import { ENROLMENT_SCHEMA } from '../hub/enrolment-schema.js';
import { NETWORK_SCHEMA, STATION_LIST_SCHEMA } from '../hub/network-schema.js';
import { SYNC_TEXTS_SCHEMA, migrateSyncTexts } from '../sync/schema.js';
import { noteNothingUnread } from '../relations/readings.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes SQL cannot express, run after `sql` in the same transaction. */
  after?: (db: Db) => void;
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
  {
    version: 2,
    name: 'text, sections, passages and the search indexes',
    sql: `
      -- The extracted text of a publication (NFC) and where each page or spine item starts in it.
      CREATE TABLE publication_texts (
        publication_id TEXT PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
        text           TEXT NOT NULL,
        page_starts    TEXT NOT NULL DEFAULT '[]',
        page_count     INTEGER
      ) STRICT;

      -- The structure of a legal text (parts, chapters, sections, subsections, articles, clauses), with offsets into the text.
      CREATE TABLE sections (
        id             INTEGER PRIMARY KEY,
        publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        ordinal        INTEGER NOT NULL,
        level          TEXT NOT NULL CHECK (level IN ('part', 'chapter', 'section', 'subsection', 'article', 'clause')),
        number         TEXT NOT NULL,
        heading        TEXT NOT NULL,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        parent_ordinal INTEGER,
        page           INTEGER
      ) STRICT;
      CREATE INDEX sections_publication ON sections (publication_id, ordinal);

      -- The unit of full-text search: one article, or a chunk of text outside articles.
      CREATE TABLE passages (
        id             INTEGER PRIMARY KEY,
        publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        section_id     INTEGER REFERENCES sections (id) ON DELETE SET NULL,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX passages_publication ON passages (publication_id);

      -- Integer rowids for the metadata index (publications are keyed by text ids).
      CREATE TABLE search_docs (
        rowid          INTEGER PRIMARY KEY,
        publication_id TEXT NOT NULL UNIQUE REFERENCES publications (id) ON DELETE CASCADE
      ) STRICT;

      -- Both indexes hold folded text (see shared/search/tokens.ts); '_' joins syllable pairs.
      CREATE VIRTUAL TABLE meta_fts USING fts5 (
        title, number, issuer, pairs,
        content = '', contentless_delete = 1, prefix = '2 3',
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
      );
      CREATE VIRTUAL TABLE passage_fts USING fts5 (
        heading, body, pairs,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
      );

      -- How many rows hold each term: very common syllables are left out of OR queries.
      CREATE VIRTUAL TABLE passage_vocab USING fts5vocab (passage_fts, 'row');
      CREATE VIRTUAL TABLE meta_vocab USING fts5vocab (meta_fts, 'row');
      -- The common terms of each index with their row counts, refreshed from the vocabularies
      -- when an index has grown or shrunk (counting a term in FTS5 reads its whole posting list).
      CREATE TABLE term_stats (
        index_name TEXT NOT NULL,
        term       TEXT NOT NULL,
        rows       INTEGER NOT NULL,
        PRIMARY KEY (index_name, term)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX publications_doc_type ON publications (doc_type);
      CREATE INDEX publications_issuer ON publications (issuer);

      -- The folded title, for typeahead on titles that start with what was typed.
      ALTER TABLE publications ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
      CREATE INDEX publications_title_key ON publications (title_key);
    `,
    after: (db) => {
      const setKey = db.prepare('UPDATE publications SET title_key = ? WHERE id = ?');
      for (const { id, title } of db.prepare('SELECT id, title FROM publications').all() as { id: string; title: string }[]) {
        setKey.run(indexForms(title).words, id);
        indexPublication(db, id);
      }
    },
  },
  {
    version: 3,
    name: 'change log',
    sql: `
      -- Every change to the catalog, in order: what a hub publishes in its next change page.
      CREATE TABLE changes (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        publication_id TEXT NOT NULL,
        op             TEXT NOT NULL CHECK (op IN ('put', 'delete')),
        changed_at     TEXT NOT NULL
      ) STRICT;
      INSERT INTO changes (publication_id, op, changed_at) SELECT id, 'put', updated_at FROM publications ORDER BY created_at, id;
    `,
  },
  {
    version: 4,
    name: 'sync sources',
    sql: `
      -- The feeds a station syncs from, each with its pinned keys and how far it has applied it.
      -- Files still to download are the rows of 'files' whose state is 'pending'.
      CREATE TABLE sync_sources (
        id               INTEGER PRIMARY KEY,
        location         TEXT NOT NULL UNIQUE, -- an http(s) URL ending in '/' or an absolute folder path
        trusted_keys     TEXT NOT NULL DEFAULT '[]', -- JSON array of SPKI PEM Ed25519 public keys
        last_sequence    INTEGER,  -- sequence of the last root fully applied
        last_root_sha256 TEXT,     -- sha256 of that root's bytes
        last_change      INTEGER,  -- the hub's last change seq applied (snapshot or page)
        last_sync_at     TEXT,
        last_error       TEXT
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'sync runs, selective sync, resumable snapshots',
    sql: `
      -- Selective sync: a file the station's officials chose not to keep (field, type, size budget)
      -- is 'pending' with wanted = 0: never downloaded, shown as not kept at this station.
      ALTER TABLE files ADD COLUMN wanted INTEGER NOT NULL DEFAULT 1 CHECK (wanted IN (0, 1));
      CREATE INDEX files_pending ON files (state, wanted);

      -- A snapshot is applied in batches; these say which one and how many of its bytes are applied.
      ALTER TABLE sync_sources ADD COLUMN snapshot_sha256 TEXT;
      ALTER TABLE sync_sources ADD COLUMN snapshot_offset INTEGER;
      ALTER TABLE sync_sources ADD COLUMN label TEXT;

      -- One row per sync run (CLI, app, schedule): the history officials read.
      CREATE TABLE sync_runs (
        id           INTEGER PRIMARY KEY,
        source_id    INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,
        trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli')),
        started_at   TEXT NOT NULL,
        finished_at  TEXT,
        status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'unchanged', 'expired', 'refused', 'failed', 'stopped', 'interrupted')),
        sequence     INTEGER,
        added        INTEGER NOT NULL DEFAULT 0,
        updated      INTEGER NOT NULL DEFAULT 0,
        deleted      INTEGER NOT NULL DEFAULT 0,
        files        INTEGER NOT NULL DEFAULT 0,
        bytes        INTEGER NOT NULL DEFAULT 0,
        files_failed INTEGER NOT NULL DEFAULT 0,
        message      TEXT  -- bilingual: the warning or error, in plain words
      ) STRICT;
      CREATE INDEX sync_runs_started ON sync_runs (started_at);
    `,
  },
  {
    version: 6,
    name: 'reads per day',
    sql: `
      -- How often each publication was opened at this station, per day: "most read" on the home
      -- screen and the yearly report. Counts only — nothing about who read.
      CREATE TABLE reads (
        day            TEXT NOT NULL, -- YYYY-MM-DD, local time of the station
        publication_id TEXT NOT NULL,
        count          INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
        PRIMARY KEY (day, publication_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX reads_publication ON reads (publication_id);
    `,
  },
  {
    version: 7,
    name: 'daily usage counters and no-result terms',
    sql: `
      -- How much the station was used, per day, for the yearly report: searches, searches with
      -- no result, kiosk and phone sessions, pages printed, documents added (catalog/usage.ts).
      -- The counter names are checked in code, so a new counter needs no migration.
      CREATE TABLE usage_days (
        day     TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), -- local time of the station
        counter TEXT NOT NULL,
        count   INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, counter)
      ) STRICT, WITHOUT ROWID;

      -- What residents searched for and did not find, per day: folded, lower case, trimmed, at
      -- most 100 characters, counted. No address, no session, nothing about who searched.
      CREATE TABLE no_result_terms (
        day   TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), -- local time of the station
        term  TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
        count INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, term)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  { version: 8, name: 'staff accounts, sessions, failed sign-ins, audit log', sql: ACCOUNTS_SCHEMA },
  { version: 9, name: 'the librarian’s desk', sql: DESK_SCHEMA },
  { version: 10, name: 'outbox and moderation queue', sql: OUTBOX_SCHEMA + HUB_SCHEMA },
  { version: 11, name: 'feed texts, trust per hub key, the demo set marked', sql: SYNC_TEXTS_SCHEMA, after: migrateSyncTexts },
  {
    version: 12,
    name: 'search models',
    sql: `
      -- What search counted from the catalog's texts (catalog/search/accent-model.ts: how syllables
      -- are written), kept with the size of the text index it was counted at.
      CREATE TABLE search_models (
        name TEXT PRIMARY KEY,
        rows INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 13,
    name: 'bounded passages, placed in bytes',
    sql: `
      -- Where a passage lies in its text's UTF-8 bytes, for reading it alone (catalog/search/index-writer.ts).
      ALTER TABLE passages ADD COLUMN byte_start INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE passages ADD COLUMN byte_end INTEGER NOT NULL DEFAULT 0;
    `,
    after: reindexUnboundedPassages,
  },
  {
    version: 14,
    name: 'outbox reasons by reference',
    sql: `
      -- An outbox item's reason is a message reference (JSON {key, params}, shared/messages.ts);
      -- a sentence kept before is kept as written.
      UPDATE outbox SET reason = json_object('key', 'message.written', 'params', json_object('text', reason)) WHERE reason IS NOT NULL;
    `,
  },
  {
    version: 15,
    name: 'sync messages by reference',
    sql: `
      -- What a sync run, a source's last run and a failed extraction say is a message reference
      -- (JSON {key, params}, catalog/db/stored-refs.ts); a sentence kept before is kept as written.
      UPDATE sync_runs SET message = json_object('key', 'message.written', 'params', json_object('text', message)) WHERE message IS NOT NULL;
      UPDATE sync_sources SET last_error = json_object('key', 'message.written', 'params', json_object('text', last_error)) WHERE last_error IS NOT NULL;
      UPDATE text_extractions SET detail = json_object('key', 'message.written', 'params', json_object('text', detail)) WHERE detail IS NOT NULL;
    `,
  },
  {
    version: 16,
    name: 'relations between documents, effective dates read, the status shown',
    sql: `
      -- What a document says of others (catalog/relations/): one row per document, kind and target
      -- (its number key, or its title when no number is printed); read from its text ('text'),
      -- given by a feed (the hub's reading, 'feed') or corrected by an official ('correction',
      -- which no reading and no feed replaces; removed_at: removed, kept so none brings it back).
      -- The target is linked to the station's copy of it, NULL while the station does not hold it.
      CREATE TABLE relations (
        id             INTEGER PRIMARY KEY,
        publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        kind           TEXT NOT NULL CHECK (kind IN ('replaces', 'repeals', 'amends', 'guides', 'consolidates')),
        target_number  TEXT,                     -- as printed, tidied
        target_key     TEXT,                     -- its number key (shared/text.ts numberKey)
        target_title   TEXT,
        scope          TEXT NOT NULL CHECK (scope IN ('whole', 'part')),
        articles       TEXT NOT NULL DEFAULT '[]', -- JSON: the articles a part names, as printed
        evidence       TEXT NOT NULL,            -- the sentence that states it
        source         TEXT NOT NULL CHECK (source IN ('text', 'feed', 'correction')),
        target_id      TEXT REFERENCES publications (id) ON DELETE SET NULL,
        removed_at     TEXT,
        CHECK (target_key IS NOT NULL OR target_title IS NOT NULL),
        CHECK (removed_at IS NULL OR source = 'correction')
      ) STRICT;
      CREATE UNIQUE INDEX relations_one ON relations (publication_id, kind, coalesce(target_key, 'title:' || target_title));
      CREATE INDEX relations_target ON relations (target_id);
      CREATE INDEX relations_waiting ON relations (target_key) WHERE target_id IS NULL;

      -- A legal text read for its relations: the date it says it takes effect, or that it does
      -- from the day it is signed, and the version of the reader (an older one's readings are read
      -- again); or the hub's reading, given by a feed (given = 1: not read again here).
      CREATE TABLE relation_readings (
        publication_id TEXT PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
        effective_date TEXT,
        on_signing     INTEGER NOT NULL CHECK (on_signing IN (0, 1)),
        reader         INTEGER NOT NULL,
        given          INTEGER NOT NULL DEFAULT 0 CHECK (given IN (0, 1))
      ) STRICT;

      -- The status shown: legal_status where given, else derived; why (a message reference), and
      -- the day from which it must be derived again (a date named in its derivation comes).
      ALTER TABLE publications ADD COLUMN status TEXT NOT NULL DEFAULT 'unknown'
        CHECK (status IN ('in_force', 'not_yet_in_force', 'partly_in_force', 'not_in_force', 'unknown'));
      ALTER TABLE publications ADD COLUMN status_reason TEXT;
      ALTER TABLE publications ADD COLUMN status_until TEXT;
      UPDATE publications SET status = legal_status;
      CREATE INDEX publications_status_until ON publications (status_until) WHERE status_until IS NOT NULL;
    `,
    after: noteNothingUnread,
  },
  { version: 17, name: 'stations enrol with their hub; signed requests', sql: ENROLMENT_SCHEMA },
  { version: 18, name: 'quotas per station; the feed cursor stations report', sql: NETWORK_SCHEMA },
  { version: 19, name: 'indexes for pages of a hub’s stations', sql: STATION_LIST_SCHEMA },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
