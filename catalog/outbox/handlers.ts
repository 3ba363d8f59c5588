/** Handlers of the outbox and the hub's moderation queue's contract methods (shared/contract/outbox.ts). */
import type { CallContext, Handlers } from '../../shared/call.js';
import type { outboxMethods } from '../../shared/contract/outbox.js';
import { AppError } from '../../shared/errors.js';
import { translate } from '../../shared/messages.js';
import { approveUpload, listModeration, rejectUpload } from '../hub/moderation.js';
import { usageByStation } from '../hub/usage.js';
import type { Services } from '../services.js';
import { outboxSettings, setHubUrl } from './settings.js';
import { enqueue, remove, retry } from './store.js';

function who(ctx: CallContext): string {
  if (!ctx.user) throw new AppError('forbidden', { key: 'error.forbidden' });
  return ctx.user.username;
}

export function outboxHandlers({ library, outbox }: Services): Handlers<typeof outboxMethods> {
  const shown = (id: number, ctx: CallContext) => {
    const item = outbox.item(id);
    if (!item) throw new AppError('not_found', { key: 'outbox.noItem' });
    return item;
  };
  return {
    'outbox.list': () => outbox.list(),
    'outbox.enqueue': (input, ctx) => {
      const row = enqueue(library.db, input.publicationId, ctx.lang);
      outbox.kick();
      return shown(row.id, ctx);
    },
    'outbox.retry': (input, ctx) => {
      retry(library.db, input.id, ctx.lang);
      outbox.kick();
      return shown(input.id, ctx);
    },
    'outbox.remove': (input, ctx) => {
      remove(library.db, input.id, ctx.lang);
      return { removed: true };
    },
    'outbox.settings': () => outboxSettings(library),
    'outbox.updateSettings': (input, ctx) => {
      const settings = setHubUrl(library, input.hubUrl, ctx.lang);
      outbox.kick();
      return settings;
    },
    'moderation.list': (input) => listModeration(library, input.state),
    'moderation.approve': (input, ctx) => approveUpload(library, input.id, who(ctx), ctx.lang),
    'moderation.reject': (input, ctx) => rejectUpload(library, input.id, input.reason, who(ctx), ctx.lang),
    'moderation.usage': (input) => usageByStation(library, input),
  };
}
