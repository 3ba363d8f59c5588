/** Handlers of a hub's contract methods (shared/contract/hub.ts, stations.ts): the moderation queue, the stations' usage (per station or province), and the stations enrolled. */
import type { CallContext, Handlers } from '../../shared/call.js';
import type { hubMethods } from '../../shared/contract/hub.js';
import type { hubStationMethods } from '../../shared/contract/stations.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../services.js';
import { approveUpload, listModeration, rejectUpload } from './moderation.js';
import { usageByStation } from './usage.js';
import { approveStation, refuseStation, revokeStation } from './stations.js';
import { listStations } from './station-list.js';
import { networkUsage } from './network-usage.js';
import { importBundles } from './bundle-import.js';

/** Who decides, as the queue records it. */
function who(ctx: CallContext): string {
  if (!ctx.user) throw new AppError('forbidden', { key: 'error.forbidden' });
  return ctx.user.username;
}

export function hubHandlers({ library }: Services): Handlers<typeof hubMethods & typeof hubStationMethods> {
  return {
    'moderation.list': (input) => listModeration(library, input.state),
    'moderation.approve': (input, ctx) => approveUpload(library, input.id, who(ctx)),
    'moderation.reject': (input, ctx) => rejectUpload(library, input.id, input.reason, who(ctx)),
    'moderation.usage': (input) => usageByStation(library, input),
    'moderation.importBundle': (input) => importBundles(library, input.folder),
    'stations.list': (input) => listStations(library, input),
    'stations.approve': (input, ctx) => approveStation(library, input.stationId, who(ctx)),
    'stations.refuse': (input, ctx) => refuseStation(library, input.stationId, who(ctx)),
    'stations.revoke': (input, ctx) => revokeStation(library, input.stationId, who(ctx)),
    'stations.usage': (input) => networkUsage(library, input),
  };
}
