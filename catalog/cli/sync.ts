/**
 * `bookshelf sync <https URL | folder> [--library DIR] [--trust <public key file>]…`: registers
 * the source with its pinned keys on first use, applies the feed's metadata (catalog/sync/apply.ts),
 * then downloads the pending files (catalog/sync/download.ts). Output is bilingual; exit 1 when
 * the feed is refused or cannot be read.
 * `bookshelf export-bundle --to <folder> [--source <location>]`: writes the feed this station
 * verified (the hub's signatures) and the files it holds as a folder another station syncs from.
 */
import path from 'node:path';
import { Library } from '../library.js';
import { loadPublicKey } from '../feed/keys.js';
import { SyncRefusedError, getSource, syncOnce } from '../sync/apply.js';
import type { SyncSourceRow } from '../sync/apply.js';
import { BundleError, exportBundle } from '../sync/bundle.js';
import { downloadPending } from '../sync/download.js';
import type { DownloadOptions } from '../sync/download.js';
import { openSource } from '../sync/source.js';
import type { HttpSourceOptions } from '../sync/source.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export interface SyncFlags {
  libraryDir: string;
  location: string;
  trustFiles: string[];
  /** For tests: download and HTTP settings. */
  download?: DownloadOptions;
  http?: HttpSourceOptions;
  now?: Date;
}

/** The source row for a location, created (or given more keys) from the --trust files. */
function registerSource(library: Library, location: string, trustFiles: string[]): SyncSourceRow {
  const pems = trustFiles.map((file) => loadPublicKey(path.resolve(file)).export({ type: 'spki', format: 'pem' }) as string);
  const found = library.db.prepare('SELECT id, trusted_keys FROM sync_sources WHERE location = ?').get(location) as { id: number; trusted_keys: string } | undefined;
  if (!found) {
    if (pems.length === 0) {
      throw new Error(`Nguồn mới cần khoá công khai tin cậy (--trust <tệp>) / A new source needs a trusted public key (--trust <file>): ${location}`);
    }
    const id = library.db.prepare('INSERT INTO sync_sources (location, trusted_keys) VALUES (?, ?)').run(location, JSON.stringify([...new Set(pems)])).lastInsertRowid;
    return getSource(library, Number(id));
  }
  if (pems.length > 0) {
    const keys = [...new Set([...(JSON.parse(found.trusted_keys) as string[]), ...pems])];
    library.db.prepare('UPDATE sync_sources SET trusted_keys = ? WHERE id = ?').run(JSON.stringify(keys), found.id);
  }
  return getSource(library, found.id);
}

export async function runSync(flags: SyncFlags, write: Write = stdout): Promise<number> {
  const source = openSource(/^https?:\/\//i.test(flags.location) ? flags.location : path.resolve(flags.location), flags.http);
  const library = await Library.open(flags.libraryDir);
  const now = flags.now ?? new Date();
  let row: SyncSourceRow | undefined;
  try {
    row = registerSource(library, source.location, flags.trustFiles);
    const applied = await syncOnce(library, row, source, now);
    const lines = [`Nguồn / Source: ${source.location} — số thứ tự / sequence ${applied.sequence}`];
    if (applied.warning) lines.push(`Cảnh báo / Warning: ${applied.warning}`);
    if (applied.status === 'unchanged') lines.push('Danh mục đã mới nhất / The catalog is up to date');
    if (applied.status === 'applied') {
      lines.push(`Ấn phẩm / Publications: thêm / added ${applied.added}, cập nhật / updated ${applied.updated}, xoá / deleted ${applied.deleted}`);
    }
    const downloaded = await downloadPending(library, source, flags.download);
    const mb = (downloaded.bytes / 1024 / 1024).toFixed(1);
    lines.push(`Tệp đã tải / Files downloaded: ${downloaded.downloaded} (${mb} MB, ${downloaded.bytes} bytes)`);
    if (downloaded.error) lines.push(downloaded.error);
    if (downloaded.failed.length > 0) {
      lines.push(`Tệp bị từ chối hoặc chưa tải được (vẫn chờ) / Files refused or not downloaded (still pending): ${downloaded.failed.length}`);
      for (const failed of downloaded.failed) lines.push(`  ${failed.sha256}: ${failed.reason}`);
    }
    library.db
      .prepare('UPDATE sync_sources SET last_sync_at = ?, last_error = ? WHERE id = ?')
      .run(now.toISOString(), downloaded.error ?? (downloaded.failed.length > 0 ? `${downloaded.failed.length} file(s) not downloaded` : null), row.id);
    write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    if (row) library.db.prepare('UPDATE sync_sources SET last_sync_at = ?, last_error = ? WHERE id = ?').run(now.toISOString(), message, row.id);
    write(`${error instanceof SyncRefusedError ? '' : 'Đồng bộ thất bại / Sync failed: '}${message}\n`);
    return 1;
  } finally {
    library.close();
  }
}

export interface ExportBundleFlags {
  libraryDir: string;
  to: string;
  source?: string;
}

export async function runExportBundle(flags: ExportBundleFlags, write: Write = stdout): Promise<number> {
  const library = await Library.open(flags.libraryDir);
  try {
    const result = await exportBundle(library, { to: flags.to, sourceLocation: flags.source });
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    const lines = [
      `Đã xuất gói / Bundle written: ${path.resolve(flags.to)}`,
      `Nguồn / Source: ${result.source} — số thứ tự / sequence ${result.sequence} (chữ ký của trạm chủ / the hub's signature)`,
      `Trang / Pages: ${result.pages}${result.snapshot ? ' + ảnh chụp / snapshot' : ''}`,
      `Tệp / Files: ${result.files} (${mb} MB, ${result.bytes} bytes)`,
    ];
    if (result.missingFiles > 0) lines.push(`Tệp trạm này chưa có (không kèm) / Files this station does not hold (left out): ${result.missingFiles}`);
    write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    write(`${error instanceof BundleError ? '' : 'Xuất gói thất bại / Export failed: '}${(error as Error).message}\n`);
    return 1;
  } finally {
    library.close();
  }
}
