/** Handlers of a hub's contract methods (shared/contract/hub.ts): the moderation queue and the stations' usage. */
import type { CallContext, Handlers } from '../../shared/call.js';
import type { hubMethods } from '../../shared/contract/hub.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../services.js';
import { approveUpload, listModeration, rejectUpload } from './moderation.js';
import { usageByStation } from './usage.js';

/** Who decides, as the queue records it. */
function who(ctx: CallContext): string {
  if (!ctx.user) throw new AppError('forbidden', { key: 'error.forbidden' });
  return ctx.user.username;
}

export function hubHandlers({ library }: Services): Handlers<typeof hubMethods> {
  return {
    'moderation.list': (input) => listModeration(library, input.state),
    'moderation.approve': (input, ctx) => approveUpload(library, input.id, who(ctx)),
    'moderation.reject': (input, ctx) => rejectUpload(library, input.id, input.reason, who(ctx)),
    'moderation.usage': (input) => usageByStation(library, input),
  };
}
