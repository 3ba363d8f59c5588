/**
 * Contract methods of a hub: the moderation queue of documents stations sent, and the usage
 * counts they report; merged into shared/contract.ts.
 */
import { z } from 'zod';
import { MODERATION_STATES } from '../outbox.js';
import type { ModerationItem, StationUsage } from '../outbox.js';
import type { MessageRef } from '../messages.js';
import { folderInput } from './outbox.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const uploadId = z.string().regex(/^[0-9a-f]{32}$/);

/** One item of a USB bundle as a hub took it in, or refused it (why, by reference). */
export interface BundleItemOutcome {
  uploadId: string;
  title: string;
  accepted: boolean;
  reason: MessageRef | null;
}

/** One bundle read from a USB drive: whose, when made, and each item's outcome. */
export interface BundleImported {
  bundle: string;
  stationName: string | null;
  createdAt: string | null;
  /** Why the whole bundle was refused (its list unreadable), else null. */
  reason: MessageRef | null;
  items: BundleItemOutcome[];
}

export interface BundleImport {
  bundles: BundleImported[];
  accepted: number;
  refused: number;
}

export const hubMethods = {
  'moderation.list': method<ModerationItem[]>()({
    access: 'official',
    summary: 'At a hub: uploads received from stations, waiting for a decision (or those decided).',
    input: z.object({ state: z.enum([...MODERATION_STATES, 'all']).default('pending') }).strict(),
  }),
  'moderation.approve': method<ModerationItem>()({
    access: 'official',
    summary: 'At a hub: puts an upload into the library, so the next publish sends it to every station.',
    input: z.object({ id: uploadId }).strict(),
    audited: true,
  }),
  'moderation.reject': method<ModerationItem>()({
    access: 'official',
    summary: 'At a hub: refuses an upload with a reason the station will show.',
    input: z.object({ id: uploadId, reason: z.string().trim().min(1).max(1000) }).strict(),
    audited: true,
  }),
  'moderation.importBundle': method<BundleImport>()({
    access: 'official',
    summary:
      'At a hub: takes in the USB bundles of uploads in `folder`, each item checked as a network upload is (station key, signatures, file, quotas) and queued for moderation; says per item taken or refused, and why.',
    input: z.object({ folder: folderInput }).strict(),
    audited: true,
  }),
  'moderation.usage': method<StationUsage[]>()({
    access: 'official',
    summary: 'At a hub: the usage counts stations reported, summed per station (optionally between two dates).',
    input: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict(),
  }),
} satisfies Record<string, MethodSpec>;
