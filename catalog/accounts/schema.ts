/** Schema of staff accounts, their sessions, failed sign-ins and the audit log (migration 8). */
export const ACCOUNTS_SCHEMA = `
  CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('librarian', 'official')),
    password_hash TEXT NOT NULL, -- scrypt$N$r$p$salt$key (catalog/accounts/passwords.ts)
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    last_sign_in  TEXT
  ) STRICT;

  -- Only a hash of each token is kept: a copied database opens no session.
  CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL, -- ms since the epoch
    last_seen    INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX sessions_user ON sessions (user_id);

  -- Failed sign-ins per user name (known or not), so a restart does not reset the count.
  CREATE TABLE sign_in_failures (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL, -- ISO time
    user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    username TEXT,          -- kept when the account goes
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE INDEX audit_at ON audit_log (at);
`;
