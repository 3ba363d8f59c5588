/**
 * Handlers of the update methods (shared/contract/updates.ts). The updater itself lives in the
 * Electron main process (electron/updater.ts), which hands it to the services as `updater`;
 * in served mode there is none, and the status says so.
 */
import type { Handlers } from '../../shared/call.js';
import type { updateMethods } from '../../shared/contract/updates.js';
import { AppError } from '../../shared/errors.js';
import type { UpdaterState, UpdateStatus } from '../../shared/updates.js';
import type { Services } from '../services.js';
import { readUpdateSettings, saveUpdateSettings } from './settings.js';

/** What the services know of the app's updater (electron/updater.ts). */
export interface UpdaterPort {
  state(): UpdaterState;
  check(): Promise<void>;
  /** Quits and installs the downloaded version; false when none is ready. */
  install?(): boolean;
}

const NOT_IN_APP: UpdaterState = { phase: 'not_in_app', version: null, percent: null, checkedAt: null, error: null };

export function updateHandlers(services: Services): Handlers<typeof updateMethods> {
  const status = (): UpdateStatus => ({
    ...(services.updater?.state() ?? NOT_IN_APP),
    ...readUpdateSettings(services.library),
    appVersion: services.library.info().appVersion,
  });
  return {
    'updates.status': status,
    'updates.updateSettings': (input) => {
      saveUpdateSettings(services.library, input);
      return status();
    },
    'updates.check': async () => {
      if (!services.updater) throw new AppError('unavailable', { key: 'updates.notInApp' });
      await services.updater.check();
      return status();
    },
    'updates.install': () => {
      if (!services.updater?.install) throw new AppError('unavailable', { key: 'updates.notInApp' });
      if (!services.updater.install()) throw new AppError('unavailable', { key: 'updates.nothingToInstall' });
      return status();
    },
  };
}
