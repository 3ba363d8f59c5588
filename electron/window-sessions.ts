/**
 * Staff sessions of the app's windows: the token of a signed-in librarian or official is kept
 * here in the main process, per window (webContents), and never given to page scripts. A window
 * that closes ends its session.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { SessionPort } from '../shared/call.js';
import type { StaffUser } from '../shared/accounts.js';
import type { Caller } from './ipc-binding.js';

export interface SessionStore {
  lookup(token: string): { user: StaffUser } | null;
  signOut(token: string): void;
}

export class WindowSessions {
  private readonly tokens = new Map<number, string>();

  constructor(private readonly store: SessionStore) {}

  /** The caller of one IPC call: its window's user, and the port auth methods use to change it. */
  callerOf(event: Pick<IpcMainInvokeEvent, 'sender'>): Caller {
    const id = event.sender.id;
    const token = this.tokens.get(id) ?? null;
    const user = token ? (this.store.lookup(token)?.user ?? null) : null;
    if (token && !user) this.tokens.delete(id);
    const session: SessionPort = {
      token,
      start: (value) => {
        if (!this.tokens.has(id)) event.sender.once('destroyed', () => this.forget(id));
        this.tokens.set(id, value);
      },
      end: () => void this.tokens.delete(id),
    };
    return { role: user?.role ?? 'anyone', user, session, staffAllowed: true };
  }

  private forget(id: number): void {
    const token = this.tokens.get(id);
    if (token) this.store.signOut(token);
    this.tokens.delete(id);
  }
}
