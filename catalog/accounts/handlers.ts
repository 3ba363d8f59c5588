/**
 * Handlers of the account methods (shared/contract/accounts.ts). Signing in opens a session on
 * the caller's transport (ctx.session): the token goes to an HttpOnly cookie or the Electron
 * window, never into the result. A caller that may not sign in here (a phone on the LAN) is
 * refused before any password is checked. The first official is created only at the station
 * itself outside kiosk mode — not by whoever stands at a kiosk, nor from the LAN even where staff
 * may sign in there; elsewhere it is `bookshelf accounts --add` at the station.
 */
import type { CallContext, Handlers } from '../../shared/call.js';
import type { accountMethods } from '../../shared/contract/accounts.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../services.js';
import type { Session } from './accounts.js';
import { listAudit, recordAudit } from './audit.js';

function requireSignInAllowed(ctx: CallContext): void {
  if (ctx.staffAllowed === false) throw new AppError('forbidden', { key: 'accounts.notHere' });
}

function signedIn(ctx: CallContext) {
  if (!ctx.user) throw new AppError('forbidden', { key: 'error.forbidden' });
  return ctx.user;
}

export function accountHandlers({ library, accounts, kiosk }: Services): Handlers<typeof accountMethods> {
  /** Kiosk mode: this run was started as a kiosk (--kiosk), or the station always starts as one. */
  const setupHere = (ctx: CallContext) => ctx.staffAllowed !== false && ctx.client === undefined && !kiosk && !library.kioskSettings().enabled;
  const begin = (session: Session, ctx: CallContext) => {
    ctx.session?.start(session.token, session.expiresAt);
    return session.user;
  };
  return {
    'auth.state': (_input, ctx) => accounts.state(ctx.session?.token ?? null, ctx.staffAllowed !== false, setupHere(ctx)),
    'auth.setup': async (input, ctx) => {
      if (!setupHere(ctx)) throw new AppError('forbidden', { key: 'accounts.setupNotHere' });
      const session = await accounts.setup(input);
      recordAudit(library.db, session.user, 'auth.setup', JSON.stringify({ username: session.user.username }));
      return begin(session, ctx);
    },
    'auth.signIn': async (input, ctx) => {
      requireSignInAllowed(ctx);
      try {
        const session = await accounts.signIn(input.username, input.password);
        recordAudit(library.db, session.user, 'auth.signIn', `${ctx.transport}`);
        return begin(session, ctx);
      } catch (error) {
        recordAudit(library.db, null, 'auth.signInFailed', JSON.stringify({ username: input.username, transport: ctx.transport }));
        throw error;
      }
    },
    'auth.signOut': (_input, ctx) => {
      const token = ctx.session?.token;
      if (token) {
        if (ctx.user) recordAudit(library.db, ctx.user, 'auth.signOut', ctx.transport);
        accounts.signOut(token);
      }
      ctx.session?.end();
      return { signedOut: true };
    },
    'auth.changePassword': async (input, ctx) => {
      await accounts.changePassword(signedIn(ctx), ctx.session?.token ?? null, input.current, input.next);
      return { changed: true };
    },
    'accounts.list': () => accounts.list(),
    'accounts.create': (input) => accounts.create(input),
    'accounts.update': (input, ctx) => accounts.update(signedIn(ctx), input),
    'accounts.resetPassword': (input) => accounts.setPassword(input.id, input.password),
    'audit.list': (input) => listAudit(library.db, input),
  };
}
