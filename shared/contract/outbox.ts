/** Contract methods of the station's outbox of documents sent to the hub (tus uploads); merged into shared/contract.ts. */
import { z } from 'zod';
import type { OutboxCandidate, OutboxItem, OutboxSettings } from '../outbox.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const itemId = z.number().int().positive();

/** A folder on this computer (a USB drive), as typed or chosen. */
export const folderInput = z.string().trim().min(1).max(1000);

/** What a copy of the outbox to a USB drive made: the bundle's folder (null when nothing was waiting), its items and bytes. */
/** A drive plugged into the station (a USB drive), as the USB screens offer it. */
export interface Drive {
  /** Where it is: E:\ on Windows, /media/<user>/<label> on Linux. */
  path: string;
  label: string;
  freeBytes: number;
  totalBytes: number;
}

export interface BundleExport {
  bundle: string | null;
  folder: string | null;
  items: number;
  bytes: number;
}

export const outboxMethods = {
  'outbox.list': method<OutboxItem[]>()({
    access: 'librarian',
    summary: 'Documents sent or waiting to be sent to the hub, newest first, with state, progress and the hub’s reason.',
    input: z.object({}).strict(),
  }),
  'outbox.candidates': method<OutboxCandidate[]>()({
    access: 'librarian',
    summary:
      'Documents this station made (scanned or imported) that are not in the outbox yet, newest first; `query` keeps those whose title has words starting so (accents optional) or whose number contains it.',
    input: z.object({ query: z.string().trim().max(200).default(''), limit: z.number().int().min(1).max(50).default(20) }).strict(),
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
  'outbox.drives': method<Drive[]>()({
    access: 'librarian',
    summary: 'The drives plugged into this computer (USB drives; on Windows every drive but the system’s), with their free space, for the USB screens to choose from.',
    input: z.object({}).strict(),
  }),
  'outbox.exportBundle': method<BundleExport>()({
    access: 'librarian',
    summary:
      'Copies the items waiting to be sent into a new signed bundle in `folder` (a USB drive) for a hub to take in; they are then marked carried and not sent over the network.',
    input: z.object({ folder: folderInput }).strict(),
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
} satisfies Record<string, MethodSpec>;
