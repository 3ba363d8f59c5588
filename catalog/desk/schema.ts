/**
 * Schema of the librarian's desk (migration 9): batches of pages in the making, their pages
 * (the images live in <library>/desk/<batch>/, the rows say their order, turn, size and
 * recognised text), the batch's last background job, and the files already taken from the
 * watched folders of network scanners.
 */
export const DESK_SCHEMA = `
  CREATE TABLE desk_batches (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    origin          TEXT NOT NULL CHECK (origin IN ('pages', 'file')),
    -- For origin 'file': the imported PDF/EPUB, copied into the batch folder as source.<ext>.
    file_name       TEXT,
    file_media_type TEXT,
    file_size       INTEGER,
    file_sha256     TEXT,
    -- The last background job (scan or OCR); a job found 'running' at start was cut by a restart.
    job_kind        TEXT CHECK (job_kind IN ('scan', 'ocr')),
    job_state       TEXT CHECK (job_state IN ('running', 'done', 'failed', 'cancelled')),
    job_done        INTEGER NOT NULL DEFAULT 0,
    job_total       INTEGER,
    job_fault       TEXT,
    job_detail      TEXT  -- what the fault message names (a device's words, a missing tool)
  ) STRICT;

  CREATE TABLE desk_pages (
    id         TEXT PRIMARY KEY,
    batch_id   TEXT NOT NULL REFERENCES desk_batches (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    image      TEXT NOT NULL, -- PNG file name in the batch folder, as scanned
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    dpi        INTEGER NOT NULL,
    mode       TEXT NOT NULL CHECK (mode IN ('color', 'gray', 'lineart')),
    rotation   INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
    thumbnail  BLOB NOT NULL, -- JPEG, rotation applied, at most 240 px
    ocr_text   TEXT,          -- recognised text (NFC), null until OCR has read the page as turned
    ocr_layer  TEXT,          -- the invisible text layer (tesseract's text-only PDF) in the batch folder
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX desk_pages_batch ON desk_pages (batch_id, ordinal);

  -- Files a watched folder's scan has already taken, so the next one picks up only new files.
  CREATE TABLE desk_folder_files (
    folder   TEXT NOT NULL,
    name     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    taken_at TEXT NOT NULL,
    PRIMARY KEY (folder, name, size, mtime_ms)
  ) STRICT, WITHOUT ROWID;
`;
