/** Handlers of the officials' administration's contract methods (shared/contract/admin.ts). */
import type { Handlers } from '../../shared/call.js';
import type { adminMethods } from '../../shared/contract/admin.js';
import type { Services } from '../services.js';
import { reportFile } from './report-file.js';
import { stationSettings, updateStationSettings } from './settings.js';
import { storageReport } from './storage.js';

export function adminHandlers(services: Services): Handlers<typeof adminMethods> {
  const { library } = services;
  return {
    'admin.storage': () => storageReport(library),
    'admin.settings': () => stationSettings(library),
    'admin.updateSettings': (input) => updateStationSettings(library, input),
    'usage.reportFile': (input, ctx) => reportFile(library, input.from, input.to, input.format, ctx.user?.displayName, new Date(), input.network),
  };
}
