/** Handlers of the station's outbox contract methods (shared/contract/outbox.ts) and of its enrolment with its hub (shared/contract/stations.ts). */
import type { Handlers } from '../../shared/call.js';
import type { outboxMethods } from '../../shared/contract/outbox.js';
import type { enrolmentMethods } from '../../shared/contract/stations.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../services.js';
import { outboxCandidates } from './candidates.js';
import { outboxSettings, setHubUrl } from './settings.js';
import { enqueue, remove, retry } from './store.js';
import { checkEnrolment, currentEnrolment, requestEnrolment } from './enrolment.js';
import { exportBundle } from './bundle-export.js';
import { listDrives } from './drives.js';

export function outboxHandlers({ library, outbox }: Services): Handlers<typeof outboxMethods & typeof enrolmentMethods> {
  const shown = (id: number) => {
    const item = outbox.item(id);
    if (!item) throw new AppError('not_found', { key: 'outbox.noItem' });
    return item;
  };
  return {
    'outbox.list': () => outbox.list(),
    'outbox.candidates': (input) => outboxCandidates(library.db, input.query, input.limit),
    'outbox.enqueue': (input) => {
      const row = enqueue(library.db, input.publicationId);
      outbox.kick();
      return shown(row.id);
    },
    'outbox.retry': (input) => {
      retry(library.db, input.id);
      outbox.kick();
      return shown(input.id);
    },
    'outbox.remove': (input) => {
      remove(library.db, input.id);
      return { removed: true };
    },
    'outbox.drives': () => listDrives(),
    // Not while the outbox sends: an item going over the network is not also carried.
    'outbox.exportBundle': (input) => outbox.exclusive(() => exportBundle(library, input.folder)),
    'outbox.settings': () => outboxSettings(library),
    'outbox.updateSettings': (input) => {
      const settings = setHubUrl(library, input.hubUrl);
      outbox.kick();
      return settings;
    },
    'enrolment.get': () => currentEnrolment(library),
    'enrolment.request': async (input) => {
      const enrolment = await requestEnrolment(library, outbox.signer, input);
      outbox.kick();
      return enrolment;
    },
    'enrolment.check': async () => {
      const enrolment = await checkEnrolment(library, outbox.signer);
      outbox.kick();
      return enrolment;
    },
  };
}
