/**
 * `bookshelf sync <https URL | folder> [--library DIR] [--trust <public key file>]…`: registers
 * the source with its pinned keys on first use, then runs one sync through the same service as
 * the app (catalog/sync/service.ts: metadata with its texts, then files, then the texts still
 * missing; recorded in the history), with a progress bar on a terminal. Output is bilingual; exit 1 when the feed is refused or cannot be read.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import { AppError } from '../../shared/errors.js';
import { bilingual } from '../../shared/messages.js';
import type { SyncProgressInfo } from '../../shared/sync-status.js';
import { Library } from '../library.js';
import { loadPublicKey } from '../feed/keys.js';
import type { DownloadOptions } from '../sync/download.js';
import { SyncService } from '../sync/service.js';
import { addSource } from '../sync/sources.js';
import type { HttpSourceOptions } from '../sync/source.js';
import { labelled } from './words.js';

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
      label: `${bilingual({ key: 'cli.unit.files' })} ${progress.filesDone}/${progress.filesTotal ?? '?'}, ${mb(progress.bytesDone)}/${mb(progress.bytesTotal ?? 0)} MB, ${mb(progress.bytesPerSecond)} MB/s, ${bilingual({ key: 'cli.sync.left' })} ${progress.secondsLeft === null ? '?' : `${Math.ceil(progress.secondsLeft)} s`}`,
    };
  }
  if (progress.phase === 'texts') {
    return { total: progress.textsTotal ?? 0, value: progress.textsDone, label: `${bilingual({ key: 'cli.unit.texts' })} ${progress.textsDone}/${progress.textsTotal ?? '?'}` };
  }
  return {
    total: progress.publicationsTotal ?? progress.pagesTotal ?? 0,
    value: progress.publicationsTotal !== null ? progress.publicationsDone : progress.pagesDone,
    label: `${bilingual({ key: 'cli.unit.publications' })} ${progress.publicationsDone}${progress.publicationsTotal === null ? '' : `/${progress.publicationsTotal}`}`,
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
  const library = await Library.open(flags.libraryDir, { writer: 'sync' });
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
    const lines = [`${labelled('cli.source', row.location)}${run.sequence === null ? '' : ` — ${bilingual({ key: 'cli.sequence' })} ${run.sequence}`}`];
    const said = run.message ? bilingual(run.message) : '';
    if (run.status === 'refused') lines.push(said);
    else if (run.status === 'failed' && !applied) lines.push(bilingual({ key: 'cli.sync.failed', params: { reason: run.message ?? '' } }));
    else {
      if (applied?.warning) lines.push(bilingual({ key: 'cli.sync.warning', params: { warning: applied.warning } }));
      if (applied?.status === 'unchanged') lines.push(bilingual({ key: 'cli.sync.upToDate' }));
      if (applied?.status === 'applied') {
        lines.push(bilingual({ key: 'cli.sync.publications', params: { added: run.added, updated: run.updated, merged: applied.merged, deleted: run.deleted } }));
      }
      for (const note of applied?.notes ?? []) lines.push(bilingual(note));
      lines.push(labelled('cli.sync.filesDownloaded', `${run.files} (${mb(run.bytes)} MB, ${run.bytes} bytes)`));
      const textCounts = [applied?.texts ?? 0, texts?.fetched ?? 0, texts?.extracted ?? 0];
      if (textCounts.some((n) => n > 0)) {
        lines.push(bilingual({ key: 'cli.sync.texts', params: { feed: textCounts[0] + textCounts[1], here: textCounts[2] } }));
      }
      if (run.status === 'failed' || run.status === 'stopped') lines.push(said);
      if (failedFiles.length > 0) {
        lines.push(labelled('cli.sync.filesFailed', failedFiles.length));
        for (const failed of failedFiles) lines.push(`  ${failed.sha256}: ${bilingual(failed.reason)}`);
      }
    }
    write(lines.join('\n') + '\n');
    return run.status === 'refused' || (run.status === 'failed' && !applied) ? 1 : 0;
  } catch (error) {
    write(`${error instanceof AppError ? error.message : bilingual({ key: 'cli.sync.failed', params: { reason: (error as Error).message } })}\n`);
    // On the command line the key is given with a flag.
    if (error instanceof AppError && error.ref.key === 'sync.keyNeeded') write(`${bilingual({ key: 'cli.sync.trustHint' })}\n`);
    return 1;
  } finally {
    shown.bar?.stop();
    await service.dispose();
    library.close();
  }
}
