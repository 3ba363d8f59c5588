/**
 * Sync while the app runs: one run at a time (metadata with the texts that travel with it, applied
 * in the writer thread so the kiosk is answered meanwhile (catalog/writer/), then
 * the officials' selection, then files, then the texts still missing — fetched, or extracted from
 * the files in the extraction worker), started by an official, by the CLI or by the schedule;
 * live progress; stop between two transactions or mid-file (the .part stays for the next run);
 * every run recorded in sync_runs with its outcome by reference (catalog/db/stored-refs.ts), which each
 * screen says in its own language, and the source's last error with it. The schedule syncs every
 * source each `intervalMinutes`; a failed run (disk full, a cut link) is simply tried again at the
 * next tick. Runs left 'running' by a crash are marked 'interrupted' when the service starts.
 */
import { AppError } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';
import type { SyncProgressInfo, SyncRun, SyncRunStatus, SyncSettings, SyncStatus, SyncTrigger } from '../../shared/sync-status.js';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import type { Library } from '../library.js';
import { SyncRefusedError, SyncStoppedError, refOf } from './errors.js';
import { WriterThread } from '../writer/writer-thread.js';
import type { SyncProgress, SyncResult } from './apply.js';
import { joinRefs, readStoredRef, storeRef } from '../db/stored-refs.js';
import { completeTexts } from './text-backlog.js';
import type { TextBacklogOptions, TextBacklogResult } from './text-backlog.js';
import { downloadPending } from './download.js';
import type { DownloadOptions, DownloadProgress, DownloadResult } from './download.js';
import { applySelection } from './selection.js';
import { getSource, listSources } from './sources.js';
import { openSource } from './source.js';
import type { HttpSourceOptions } from './source.js';


export interface SyncServiceOptions {
  /** For tests: download and HTTP settings (the bandwidth cap comes from the settings). */
  download?: Omit<DownloadOptions, 'signal' | 'onProgress' | 'maxBytesPerSecond'>;
  /** For tests: the extraction worker's limits for texts extracted here. */
  texts?: Pick<TextBacklogOptions, 'extractor'>;
  http?: HttpSourceOptions;
  now?: () => Date;
  /** The length of a schedule minute (tests shorten it). */
  minuteMs?: number;
  /** Called on every progress change and when a run ends. */
  onChange?: (status: SyncStatus) => void;
  /** The app's writer thread (shared with the desk); without one the service starts its own. */
  writer?: WriterThread;
  /** Called when a run completed texts on this thread: what they say of their relations is read in the background. */
  onTexts?: () => void;
}

interface RunRow {
  id: number;
  source_id: number;
  location: string;
  trigger: SyncTrigger;
  started_at: string;
  finished_at: string | null;
  status: SyncRunStatus;
  sequence: number | null;
  added: number;
  updated: number;
  deleted: number;
  files: number;
  bytes: number;
  files_failed: number;
  /** A reference in JSON (catalog/db/stored-refs.ts). */
  message: string | null;
}

const toRun = (row: RunRow): SyncRun => ({
  id: row.id,
  sourceId: row.source_id,
  location: row.location,
  trigger: row.trigger,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  status: row.status,
  sequence: row.sequence,
  added: row.added,
  updated: row.updated,
  deleted: row.deleted,
  files: row.files,
  bytes: row.bytes,
  filesFailed: row.files_failed,
  message: readStoredRef(row.message),
});

const RUN_SELECT = 'SELECT r.*, s.location FROM sync_runs r JOIN sync_sources s ON s.id = r.source_id';

/** How a run ended: its history row, what the metadata step said, the files that failed, the texts completed after. */
export interface SyncOutcome {
  run: SyncRun;
  applied: SyncResult | null;
  failedFiles: DownloadResult['failed'];
  texts: TextBacklogResult | null;
}

interface Current {
  sourceId: number;
  trigger: SyncTrigger;
  startedAt: string;
  controller: AbortController;
  progress: SyncProgressInfo;
  done: Promise<SyncOutcome>;
}

const emptyProgress = (): SyncProgressInfo => ({
  phase: 'checking',
  publicationsDone: 0,
  publicationsTotal: null,
  pagesDone: 0,
  pagesTotal: null,
  filesDone: 0,
  filesFailed: 0,
  filesTotal: null,
  bytesDone: 0,
  bytesTotal: null,
  bytesPerSecond: 0,
  secondsLeft: null,
  textsDone: 0,
  textsTotal: null,
});

export class SyncService {
  private current: Current | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextRunAt: Date | null = null;
  private readonly now: () => Date;
  /** Runs the metadata step of each run, off this thread. */
  private readonly writer: WriterThread;

  constructor(
    private readonly library: Library,
    private readonly options: SyncServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.writer = options.writer ?? new WriterThread(library.dir);
    library.db
      .prepare("UPDATE sync_runs SET status = 'interrupted', finished_at = ?, message = ? WHERE status = 'running'")
      .run(this.now().toISOString(), storeRef({ key: 'sync.interrupted' }));
  }

  settings(): SyncSettings {
    const db = this.library.db;
    return { intervalMinutes: getSetting(db, SETTINGS.syncIntervalMinutes), maxBytesPerSecond: getSetting(db, SETTINGS.syncMaxBytesPerSecond) };
  }

  /** Changes the schedule and the bandwidth cap (undefined leaves a setting as it is, null clears it). */
  updateSettings(changes: Partial<SyncSettings>): SyncSettings {
    const db = this.library.db;
    db.transaction(() => {
      for (const [setting, value] of [
        [SETTINGS.syncIntervalMinutes, changes.intervalMinutes],
        [SETTINGS.syncMaxBytesPerSecond, changes.maxBytesPerSecond],
      ] as const) {
        if (value === null) deleteSetting(db, setting);
        else if (value !== undefined) setSetting(db, setting, value);
      }
    })();
    if (this.timer) this.schedule();
    return this.settings();
  }

  status(): SyncStatus {
    const current = this.current;
    const last = this.library.db.prepare(`${RUN_SELECT} WHERE r.status != 'running' ORDER BY r.id DESC LIMIT 1`).get() as RunRow | undefined;
    return {
      running: current !== null,
      stopping: current?.controller.signal.aborted ?? false,
      sourceId: current?.sourceId ?? null,
      trigger: current?.trigger ?? null,
      startedAt: current?.startedAt ?? null,
      progress: current ? { ...current.progress } : null,
      nextRunAt: this.nextRunAt?.toISOString() ?? null,
      settings: this.settings(),
      lastRun: last ? toRun(last) : null,
    };
  }

  history(offset = 0, limit = 50): { total: number; items: SyncRun[] } {
    const total = this.library.db.prepare('SELECT count(*) FROM sync_runs').pluck().get() as number;
    const rows = this.library.db.prepare(`${RUN_SELECT} ORDER BY r.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as RunRow[];
    return { total, items: rows.map(toRun) };
  }

  /**
   * Starts a run in the background (the one source, or the given one) and returns at once;
   * `done` settles when it ends. A run already going is returned as it is.
   */
  start(trigger: SyncTrigger, sourceId?: number): { started: boolean; done: Promise<SyncOutcome> } {
    if (this.current) return { started: false, done: this.current.done };
    const sources = listSources(this.library);
    const row = sourceId === undefined ? (sources.length === 1 ? sources[0] : undefined) : sources.find((s) => s.id === sourceId);
    if (!row) {
      throw new AppError(
        sourceId === undefined && sources.length > 1 ? 'invalid_input' : 'not_found',
        sources.length === 0 ? { key: 'sync.noSource' } : sourceId === undefined ? { key: 'sync.chooseSource' } : { key: 'sync.noSuchSource', params: { id: sourceId } },
      );
    }
    const startedAt = this.now().toISOString();
    const runId = Number(
      this.library.db.prepare("INSERT INTO sync_runs (source_id, trigger, started_at, status) VALUES (?, ?, ?, 'running')").run(row.id, trigger, startedAt).lastInsertRowid,
    );
    const current: Current = { sourceId: row.id, trigger, startedAt, controller: new AbortController(), progress: emptyProgress(), done: Promise.resolve(null as never) };
    this.current = current;
    current.done = this.run(runId, row.id, current).finally(() => {
      this.current = null;
      this.emit();
    });
    this.emit();
    return { started: true, done: current.done };
  }

  /** Asks the run to stop; it ends between two transactions or mid-file, keeping what it has. */
  stop(): SyncStatus {
    this.current?.controller.abort();
    this.emit();
    return this.status();
  }

  /** Stops the run if it syncs this source, and waits for it to end (before the source is removed). */
  async release(sourceId: number): Promise<void> {
    const current = this.current;
    if (current?.sourceId !== sourceId) return;
    current.controller.abort();
    await current.done.catch(() => undefined);
  }

  /** Starts the schedule (if an interval is set): every source, one after another, each interval. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
    const minutes = this.settings().intervalMinutes;
    if (!minutes) return;
    const delay = minutes * (this.options.minuteMs ?? 60_000);
    this.nextRunAt = new Date(this.now().getTime() + delay);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    for (const source of listSources(this.library)) {
      if (this.current || !this.timer) break;
      await this.start('schedule', source.id).done.catch(() => undefined);
    }
    if (this.timer) this.schedule();
  }

  /** Stops the schedule and any run, waiting for it to end (the app is closing), then its own writer thread. */
  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
    const current = this.current;
    if (current) {
      current.controller.abort();
      await current.done.catch(() => undefined);
    }
    if (!this.options.writer) await this.writer.close();
  }

  private emit(): void {
    this.options.onChange?.(this.status());
  }

  private async run(runId: number, sourceId: number, current: Current): Promise<SyncOutcome> {
    const { signal } = current.controller;
    const row = getSource(this.library, sourceId);
    const source = openSource(row.location, this.options.http);
    let applied: SyncResult | null = null;
    let downloaded: DownloadResult | null = null;
    let texts: TextBacklogResult | null = null;
    let status: SyncRunStatus = 'failed';
    /** Why the run ended as it did (a warning, a failure), null when it went well. */
    let message: MessageRef | null = null;
    try {
      applied = await this.writer.sync(row, {
        now: this.now(),
        signal,
        http: this.options.http,
        onProgress: (p: SyncProgress) => {
          Object.assign(current.progress, p);
          this.emit();
        },
      });
      message = applied.warning ?? null;
      // New files arrive wanted; the officials' choice (selective sync) decides before any download.
      if (applied.status === 'applied' && !signal.aborted) await applySelection(this.library);
      if (!signal.aborted) {
        current.progress.phase = 'files';
        downloaded = await downloadPending(this.library, source, {
          ...this.options.download,
          maxBytesPerSecond: this.settings().maxBytesPerSecond ?? undefined,
          signal,
          onProgress: (p: DownloadProgress) => {
            const { current: _files, ...counts } = p;
            Object.assign(current.progress, counts);
            this.emit();
          },
        });
      }
      // Texts the feed did not bring with their documents: fetched now, or extracted from the files just downloaded.
      if (!signal.aborted && !downloaded?.stopped && !downloaded?.error) {
        current.progress.phase = 'texts';
        texts = await completeTexts(this.library, source, {
          ...this.options.texts,
          signal,
          now: this.now,
          onProgress: (p) => {
            Object.assign(current.progress, p);
            this.emit();
          },
        });
        if (texts.fetched + texts.extracted > 0) this.options.onTexts?.();
      }
      if (signal.aborted || downloaded?.stopped || texts?.stopped) status = 'stopped';
      else if (downloaded?.error) {
        status = 'failed';
        message = downloaded.error;
      } else if (applied.status === 'expired') status = 'expired';
      else if (applied.status === 'unchanged' && (downloaded?.downloaded ?? 0) === 0 && (texts?.fetched ?? 0) + (texts?.extracted ?? 0) === 0) status = 'unchanged';
      else status = 'ok';
      if (downloaded && downloaded.failed.length > 0 && !downloaded.error) {
        message = joinRefs([message, { key: 'sync.filesNotDownloaded', params: { count: downloaded.failed.length } }]);
      }
    } catch (error) {
      status = error instanceof SyncStoppedError ? 'stopped' : error instanceof SyncRefusedError ? 'refused' : 'failed';
      message = refOf(error);
    }
    if (status === 'stopped') message = new SyncStoppedError().ref;
    // What the run did besides (the demo set retired) goes into its history, not into the source's last error.
    const told = joinRefs([message, ...(applied?.notes ?? [])]);
    const finishedAt = this.now().toISOString();
    this.library.db.transaction(() => {
      this.library.db
        .prepare(
          `UPDATE sync_runs SET finished_at = ?, status = ?, sequence = ?, added = ?, updated = ?, deleted = ?, files = ?, bytes = ?, files_failed = ?, message = ?
           WHERE id = ?`,
        )
        .run(
          finishedAt,
          status,
          applied?.sequence ?? null,
          applied?.added ?? 0,
          applied?.updated ?? 0,
          applied?.deleted ?? 0,
          downloaded?.downloaded ?? 0,
          downloaded?.bytes ?? 0,
          downloaded?.failed.length ?? 0,
          storeRef(told),
          runId,
        );
      this.library.db.prepare('UPDATE sync_sources SET last_sync_at = ?, last_error = ? WHERE id = ?').run(finishedAt, storeRef(message), sourceId);
    })();
    const run = toRun(this.library.db.prepare(`${RUN_SELECT} WHERE r.id = ?`).get(runId) as RunRow);
    return { run, applied, failedFiles: downloaded?.failed ?? [], texts };
  }
}
