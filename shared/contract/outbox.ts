/** Contract methods of the outbox of documents sent to the hub (tus uploads) and the hub's moderation queue; merged into shared/contract.ts. */
import { z } from 'zod';
import { MODERATION_STATES } from '../outbox.js';
import type { ModerationItem, OutboxItem, OutboxSettings, StationUsage } from '../outbox.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const itemId = z.number().int().positive();
const uploadId = z.string().regex(/^[0-9a-f]{32}$/);

export const outboxMethods = {
  'outbox.list': method<OutboxItem[]>()({
    access: 'librarian',
    summary: 'Documents sent or waiting to be sent to the hub, newest first, with state, progress and the hub’s reason.',
    input: z.object({}).strict(),
  }),
  'outbox.enqueue': method<OutboxItem>()({
    access: 'librarian',
    summary: 'Queues a publication this station made (its file and description) for the hub; kept even through a power cut.',
    input: z.object({ publicationId: z.string().trim().min(1).max(200) }).strict(),
    audited: true,
  }),
  'outbox.retry': method<OutboxItem>()({
    access: 'librarian',
    summary: 'Tries a failed item again now (from where the hub stopped), or sends a rejected one again from the start.',
    input: z.object({ id: itemId }).strict(),
    audited: true,
  }),
  'outbox.remove': method<{ removed: boolean }>()({
    access: 'librarian',
    summary: 'Takes an item out of the outbox before any of it was sent (or after the hub rejected it).',
    input: z.object({ id: itemId }).strict(),
    audited: true,
  }),
  'outbox.settings': method<OutboxSettings>()({
    access: 'official',
    summary: 'Where uploads and usage counts go (the hub URL, or the default from the first sync source) and this station’s id.',
    input: z.object({}).strict(),
  }),
  'outbox.updateSettings': method<OutboxSettings>()({
    access: 'official',
    summary: 'Sets the hub URL (http or https), or null to use the first sync source.',
    input: z.object({ hubUrl: z.string().trim().max(500).nullable() }).strict(),
    audited: true,
  }),
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
  'moderation.usage': method<StationUsage[]>()({
    access: 'official',
    summary: 'At a hub: the usage counts stations reported, summed per station (optionally between two dates).',
    input: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict(),
  }),
} satisfies Record<string, MethodSpec>;
