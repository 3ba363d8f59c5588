/**
 * The outbox at work in the background (one per running app, in catalog/services.ts): sends
 * the items due, one at a time, to the hub with tus (./tus-upload.ts); asks the hub for the
 * moderation outcome of what was sent; and sends the daily usage counts with uploads and at
 * least once a day. Every request is signed with the station's key (./hub-signer.ts). Nothing
 * goes while the hub has not approved the station (./enrolment.ts): the items due wait, saying
 * why, and the hub is asked again each run while it is pending. A failure is retried with
 * exponential backoff (capped); a refusal of the station is noted in its enrolment; a stop
 * (dispose) ends the upload in flight, which the next start resumes from the hub's offset. When
 * the hub says "not now" (429 or 507: a quota of this station reached, its disk nearly full) the
 * item fails with the hub's reason, is tried again no sooner than the hub's Retry-After, and the
 * rest waits as long, saying why; a usage report refused so waits as long too. Neither is ever a
 * rejection: nothing is lost, it goes once the hub allows.
 */
import { SETTINGS, getSetting, setSetting } from '../db/settings.js';
import type { Library } from '../library.js';
import { moderationStatusSchema } from '../../shared/outbox.js';
import type { OutboxItem } from '../../shared/outbox.js';
import type { MessageRef } from '../../shared/messages.js';
import { effectiveHubUrl, outboxSettings } from './settings.js';
import { awaitingDecision, getRow, holdDue, listRows, nextDue, toItem, update } from './store.js';
import type { OutboxRow } from './store.js';
import { NOT_NOW, UploadFailed, UploadRefused, hubSaid, notNowWaitMs, sendFile } from './tus-upload.js';
import { HubSigner } from './hub-signer.js';
import { checkEnrolment, enrolmentHold, enrolmentRow, hubReasonOf, noteAccepted, noteRefusal } from './enrolment.js';
import { countUsage } from '../usage.js';
import { usageUpload } from './usage-report.js';

export const HUB_UPLOADS_PATH = 'uploads/';
export const HUB_STATUS_PATH = 'hub/uploads/';
export const HUB_USAGE_PATH = 'hub/usage';
const DAY_MS = 86_400_000;

export interface OutboxServiceOptions {
  /** Run in the background (default true); tests and the CLI call runOnce themselves. */
  background?: boolean;
  /** Between two background runs (default one minute). */
  intervalMs?: number;
  /** Wait before retrying an item that failed `attempts` times (default 30 s doubling, at most 1 h). */
  backoffMs?: (attempts: number) => number;
  chunkSize?: number;
  /** tus-js-client's own retries within one attempt. */
  retryDelays?: number[];
  /** This computer's clock, as the signer reads it (tests move it). */
  clock?: () => number;
}

export interface OutboxRun {
  sent: number;
  failed: number;
  rejected: number;
  decided: number;
  usageSent: boolean;
}

export function defaultBackoff(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** The tus upload id: the last segment of its URL. */
export function uploadIdOf(url: string): string {
  return new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
}

export class OutboxService {
  private readonly live = new Map<number, number>();
  private running: Promise<OutboxRun> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly stopping = new AbortController();
  /** The run in progress's own stop: a USB export interrupts it rather than wait for a hub that does not answer. */
  private interrupt: AbortController | null = null;
  private disposed = false;
  /** A kick came while a run was going: run again as soon as it ends. */
  private again = false;
  /** Signs every request to the hub; one per outbox, so the hub's clock it learnt is kept. */
  readonly signer: HubSigner;
  /** The hub said "not now" to an upload: nothing is sent before `at` (ms), the items due say why. */
  private uploadsWait: { at: number; reason: MessageRef } | null = null;
  /** The hub said "not now" to a usage report: none is sent before this (ms). */
  private usageWaitUntil = 0;

  constructor(
    private readonly library: Library,
    private readonly options: OutboxServiceOptions = {},
  ) {
    this.signer = new HubSigner(library, options.clock);
    if (options.background !== false) this.schedule(0);
  }

  list(): OutboxItem[] {
    return listRows(this.library.db).map((row) => toItem(row, { bytesSent: this.live.get(row.id) ?? 0 }));
  }

  item(id: number): OutboxItem | null {
    const row = getRow(this.library.db, id);
    return row ? toItem(row, { bytesSent: this.live.get(row.id) ?? 0 }) : null;
  }

  /** Runs soon in the background (after an enqueue, a retry, a new hub URL). */
  kick(): void {
    if (this.options.background === false) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Sends what is due, asks for outcomes, sends usage when due. One run at a time. */
  runOnce(now = () => new Date()): Promise<OutboxRun> {
    this.running ??= this.run(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Runs `work` while no run of the outbox goes (a USB export reads what waits and marks it
   * carried): the run in progress is interrupted — an upload stopped so is waiting again, as
   * when the app closes, not failed — and waited for; a run asked for meanwhile does nothing.
   * A station with no network is why a drive is used: its hub would not answer for a long time.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.interrupt?.abort(new Error('outbox interrupted'));
    while (this.running) await this.running.catch(() => undefined);
    const done = work();
    const idle: OutboxRun = { sent: 0, failed: 0, rejected: 0, decided: 0, usageSent: false };
    this.running = done
      .then(
        () => idle,
        () => idle,
      )
      .finally(() => {
        this.running = null;
      });
    return done;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort(new Error('outbox stopped'));
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch(() => undefined)
        .finally(() => {
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? 0 : (this.options.intervalMs ?? 60_000));
        });
    }, delayMs);
    this.timer.unref();
  }

  private async run(now: () => Date): Promise<OutboxRun> {
    const interrupt = new AbortController();
    this.interrupt = interrupt;
    try {
      return await this.runUntil(AbortSignal.any([this.stopping.signal, interrupt.signal]), now);
    } finally {
      if (this.interrupt === interrupt) this.interrupt = null;
    }
  }

  private async runUntil(signal: AbortSignal, now: () => Date): Promise<OutboxRun> {
    const result: OutboxRun = { sent: 0, failed: 0, rejected: 0, decided: 0, usageSent: false };
    const hub = effectiveHubUrl(this.library);
    if (!hub || this.disposed) return result;
    const hold = await this.enrolmentHold(hub, signal, now);
    if (hold) {
      holdDue(this.library.db, hold, now());
      return result;
    }
    const wait = this.hubWaitAt(now());
    if (wait) holdDue(this.library.db, wait.reason, now());
    const tried = new Set<number>();
    for (let row = wait ? null : nextDue(this.library.db, now()); row && !tried.has(row.id) && !signal.aborted; row = nextDue(this.library.db, now())) {
      tried.add(row.id);
      const outcome = await this.send(row, hub, signal, now);
      result[outcome] += 1;
      // The hub refused the station itself (revoked, say): the rest waits, saying why.
      const refused = outcome === 'failed' ? enrolmentHold(this.library, hub) : null;
      if (refused) {
        holdDue(this.library.db, refused, now());
        return result;
      }
      // The hub said "not now": the rest waits as long, saying why.
      const asked = this.hubWaitAt(now());
      if (asked) {
        holdDue(this.library.db, asked.reason, now());
        break;
      }
    }
    if (signal.aborted) return result;
    result.decided = await this.askOutcomes(hub, signal, now);
    const lastUsage = Date.parse(getSetting(this.library.db, SETTINGS.usageSentAt) ?? '') || 0;
    const usageDue = result.sent > 0 || now().getTime() - lastUsage >= DAY_MS;
    if (usageDue && now().getTime() >= this.usageWaitUntil) result.usageSent = await this.sendUsage(hub, signal, now);
    return result;
  }

  /** The hub's "not now" to uploads, while it still holds at `at`; else null. */
  private hubWaitAt(at: Date): { at: number; reason: MessageRef } | null {
    return this.uploadsWait && at.getTime() < this.uploadsWait.at ? this.uploadsWait : null;
  }

  /** Why nothing may go to the hub (asked again while it has not decided), or null when it approved this station. */
  private async enrolmentHold(hub: string, signal: AbortSignal, now: () => Date): Promise<MessageRef | null> {
    if (enrolmentRow(this.library, hub)?.state === 'pending') await checkEnrolment(this.library, this.signer, now(), signal).catch(() => undefined);
    return enrolmentHold(this.library, hub);
  }

  private async send(row: OutboxRow, hub: string, signal: AbortSignal, now: () => Date): Promise<'sent' | 'failed' | 'rejected'> {
    const db = this.library.db;
    const attempts = row.attempts + 1;
    update(db, row.id, { state: 'sending', attempts, reason: null, next_attempt_at: null }, now());
    const settings = outboxSettings(this.library);
    try {
      const url = await sendFile({
        endpoint: new URL(HUB_UPLOADS_PATH, hub).toString(),
        signer: this.signer,
        file: this.library.files.pathOf(row.sha256),
        size: row.size,
        uploadUrl: row.upload_url,
        metadata: {
          filename: row.file_name,
          filetype: row.media_type,
          sha256: row.sha256,
          description: row.description,
          stationId: settings.stationId,
          stationName: settings.stationName,
        },
        chunkSize: this.options.chunkSize,
        retryDelays: this.options.retryDelays,
        signal,
        onUrl: (url, resumedFrom) => update(db, row.id, { upload_url: url, bytes_sent: resumedFrom ?? 0 }, now()),
        onProgress: (sent) => this.live.set(row.id, sent),
        onConfirmed: (offset) => update(db, row.id, { bytes_sent: offset }, now()),
      });
      update(db, row.id, { state: 'sent', upload_url: url, bytes_sent: row.size }, now());
      noteAccepted(this.library, hub);
      countUsage(db, 'document_sent', 1, now());
      return 'sent';
    } catch (error) {
      if (signal.aborted) {
        // Stopped, not failed: the next run resumes it first.
        update(db, row.id, { state: 'waiting', attempts: row.attempts }, now());
        return 'failed';
      }
      if (error instanceof UploadRefused) {
        update(db, row.id, { state: 'rejected', reason: error.reason }, now());
        return 'rejected';
      }
      const reason = error instanceof UploadFailed ? error.reason : { key: 'outbox.sendFailed' as const, params: { detail: (error as Error).message } };
      if (error instanceof UploadFailed) noteRefusal(this.library, hub, hubReasonOf(reason), now());
      const waitMs = error instanceof UploadFailed ? error.waitMs : null;
      if (waitMs !== null) this.uploadsWait = { at: now().getTime() + waitMs, reason };
      const backoff = Math.max((this.options.backoffMs ?? defaultBackoff)(attempts), waitMs ?? 0);
      update(db, row.id, { state: 'failed', reason, next_attempt_at: new Date(now().getTime() + backoff).toISOString() }, now());
      return 'failed';
    } finally {
      this.live.delete(row.id);
    }
  }

  /** Asks the hub what became of each item sent; returns how many were decided. */
  private async askOutcomes(hub: string, signal: AbortSignal, now: () => Date): Promise<number> {
    let decided = 0;
    for (const row of awaitingDecision(this.library.db)) {
      try {
        const url = new URL(HUB_STATUS_PATH + encodeURIComponent(uploadIdOf(row.upload_url as string)), hub).toString();
        const response = await this.signer.fetch(url, { method: 'GET', signal });
        if (!response.ok) {
          noteRefusal(this.library, hub, hubSaid(await response.text()), now());
          continue;
        }
        const status = moderationStatusSchema.parse(await response.json());
        if (status.state === 'pending') continue;
        const reason = status.reason === null ? null : { key: 'message.written' as const, params: { text: status.reason } };
        update(this.library.db, row.id, status.state === 'approved' ? { state: 'accepted', reason: null } : { state: 'rejected', reason }, now());
        decided += 1;
      } catch {
        if (signal.aborted) break;
        // the hub is unreachable or answered nonsense: asked again next run
      }
    }
    return decided;
  }

  private async sendUsage(hub: string, signal: AbortSignal, now: () => Date): Promise<boolean> {
    try {
      const response = await this.signer.fetch(new URL(HUB_USAGE_PATH, hub).toString(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(usageUpload(this.library, now())),
        signal,
      });
      if (!response.ok) {
        if (NOT_NOW.has(response.status)) this.usageWaitUntil = now().getTime() + notNowWaitMs(response.headers.get('retry-after'), now().getTime());
        noteRefusal(this.library, hub, hubSaid(await response.text()), now());
        return false;
      }
      noteAccepted(this.library, hub);
      setSetting(this.library.db, SETTINGS.usageSentAt, now().toISOString());
      return true;
    } catch {
      return false;
    }
  }
}
