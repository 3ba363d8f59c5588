/**
 * `bookshelf sync <https URL | folder> [--library DIR] [--trust <public key file>]…`: registers
 * the source with its pinned keys on first use, then runs one sync through the same service as
 * the app (catalog/sync/service.ts: metadata with its texts, then files, then the texts still
 * missing; recorded in the history), with a progress bar on a terminal. Output is bilingual; exit 1 when the feed is refused or cannot be read.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import { AppError } from '../../shared/errors.js';
import type { SyncProgressInfo } from '../../shared/sync-status.js';
import { Library } from '../library.js';
import { loadPublicKey } from '../feed/keys.js';
import type { DownloadOptions } from '../sync/download.js';
import { SyncService } from '../sync/service.js';
import { addSource } from '../sync/sources.js';
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

/** The PEM text of a --trust file (checked as an Ed25519 public key when the source is added). */
function readPublicKeyPem(file: string): string {
  return loadPublicKey(path.resolve(file)).export({ type: 'spki', format: 'pem' }) as string;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** What the bar counts in each phase: publications, then bytes of files, then texts. */
function barOf(progress: SyncProgressInfo): { total: number; value: number; label: string } {
  if (progress.phase === 'files') {
    return {
      total: progress.bytesTotal ?? 0,
      value: progress.bytesDone,
      label: `tệp / files ${progress.filesDone}/${progress.filesTotal ?? '?'}, ${mb(progress.bytesDone)}/${mb(progress.bytesTotal ?? 0)} MB, ${mb(progress.bytesPerSecond)} MB/s, còn / left ${progress.secondsLeft === null ? '?' : `${Math.ceil(progress.secondsLeft)} s`}`,
    };
  }
  if (progress.phase === 'texts') {
    return { total: progress.textsTotal ?? 0, value: progress.textsDone, label: `nội dung để tìm kiếm / searchable texts ${progress.textsDone}/${progress.textsTotal ?? '?'}` };
  }
  return {
    total: progress.publicationsTotal ?? progress.pagesTotal ?? 0,
    value: progress.publicationsTotal !== null ? progress.publicationsDone : progress.pagesDone,
    label: `ấn phẩm / publications ${progress.publicationsDone}${progress.publicationsTotal === null ? '' : `/${progress.publicationsTotal}`}`,
  };
}

/** The terminal progress bar. */
function showProgress(bar: cliProgress.SingleBar | null, progress: SyncProgressInfo | null): cliProgress.SingleBar | null {
  if (!progress) return bar;
  const { total, value, label } = barOf(progress);
  if (!bar) {
    bar = new cliProgress.SingleBar({ format: '{bar} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 24 }, cliProgress.Presets.shades_classic);
    bar.start(Math.max(1, total), 0, { label });
  }
  bar.setTotal(Math.max(1, total));
  bar.update(value, { label });
  return bar;
}

export async function runSync(flags: SyncFlags, write: Write = stdout): Promise<number> {
  const library = await Library.open(flags.libraryDir);
  const tty = write === stdout && process.stderr.isTTY;
  const shown: { bar: cliProgress.SingleBar | null } = { bar: null };
  const service = new SyncService(library, {
    download: flags.download,
    http: flags.http,
    now: flags.now ? () => flags.now! : undefined,
    onChange: tty ? (status) => void (shown.bar = showProgress(shown.bar, status.progress)) : undefined,
  });
  try {
    const row = addSource(library, { location: flags.location, publicKeys: flags.trustFiles.map(readPublicKeyPem) });
    const { run, applied, failedFiles, texts } = await service.start('cli', row.id).done;
    shown.bar?.stop();
    shown.bar = null;
    const lines = [`Nguồn / Source: ${row.location}${run.sequence === null ? '' : ` — số thứ tự / sequence ${run.sequence}`}`];
    if (run.status === 'refused') lines.push(run.message ?? '');
    else if (run.status === 'failed' && !applied) lines.push(`Đồng bộ thất bại / Sync failed: ${run.message ?? ''}`);
    else {
      if (applied?.warning) lines.push(`Cảnh báo / Warning: ${applied.warning}`);
      if (applied?.status === 'unchanged') lines.push('Danh mục đã mới nhất / The catalog is up to date');
      if (applied?.status === 'applied') {
        lines.push(`Ấn phẩm / Publications: thêm / added ${run.added}, cập nhật / updated ${run.updated}, gộp / merged ${applied.merged}, xoá / deleted ${run.deleted}`);
      }
      for (const note of applied?.notes ?? []) lines.push(note);
      lines.push(`Tệp đã tải / Files downloaded: ${run.files} (${(run.bytes / 1024 / 1024).toFixed(1)} MB, ${run.bytes} bytes)`);
      const textCounts = [applied?.texts ?? 0, texts?.fetched ?? 0, texts?.extracted ?? 0];
      if (textCounts.some((n) => n > 0)) {
        lines.push(`Nội dung để tìm kiếm / Searchable texts: theo nguồn cấp / with the feed ${textCounts[0] + textCounts[1]}, trích xuất tại trạm / extracted here ${textCounts[2]}`);
      }
      if (run.status === 'failed' || run.status === 'stopped') lines.push(run.message ?? '');
      if (failedFiles.length > 0) {
        lines.push(`Tệp bị từ chối hoặc chưa tải được (vẫn chờ) / Files refused or not downloaded (still pending): ${failedFiles.length}`);
        for (const failed of failedFiles) lines.push(`  ${failed.sha256}: ${failed.reason}`);
      }
    }
    write(lines.join('\n') + '\n');
    return run.status === 'refused' || (run.status === 'failed' && !applied) ? 1 : 0;
  } catch (error) {
    write(`${error instanceof AppError ? '' : 'Đồng bộ thất bại / Sync failed: '}${(error as Error).message}\n`);
    return 1;
  } finally {
    shown.bar?.stop();
    await service.dispose();
    library.close();
  }
}
