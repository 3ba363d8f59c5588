/** Contract methods of app updates: the official sees what the updater does, sets its server and channel, asks for a check, and installs a downloaded version. */
import { z } from 'zod';
import { UPDATE_CHANNELS, updateUrlProblem } from '../update-settings.js';
import type { UpdateStatus } from '../updates.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const updateUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((url) => updateUrlProblem(url) === null, { message: 'https' });

export const updateMethods = {
  'updates.status': method<UpdateStatus>()({
    access: 'official',
    summary: 'The app version, the update server and channel, and what the updater is doing (checking, downloading, ready to install at quit).',
    input: z.object({}).strict(),
  }),
  'updates.updateSettings': method<UpdateStatus>()({
    access: 'official',
    summary: 'Sets the update server (https; null for the installer’s own) and the channel; used from the next check.',
    input: z.object({ url: updateUrl.nullable().optional(), channel: z.enum(UPDATE_CHANNELS).optional() }).strict(),
    audited: true,
  }),
  'updates.check': method<UpdateStatus>()({
    access: 'official',
    summary: 'Looks for an update now, inside the installed app; a found version downloads in the background and installs when the app quits.',
    input: z.object({}).strict(),
    audited: true,
  }),
  'updates.install': method<UpdateStatus>()({
    access: 'official',
    summary: 'Installs the downloaded version now: the app quits, the installer runs (on Windows asking for an administrator) and the app starts again. The only way a kiosk installs an update.',
    input: z.object({}).strict(),
    audited: true,
  }),
} satisfies Record<string, MethodSpec>;
