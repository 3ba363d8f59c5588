/**
 * Staff sessions of the app's windows: the token of a signed-in librarian or official is kept
 * here in the main process, per window (webContents), and never given to page scripts. The
 * session ends with the page it was opened in: when the window closes, when its renderer
 * crashes or is killed (the kiosk reloads home for the next resident, never signed in as the
 * librarian), and when the page is loaded again (a reload, a navigation to another document).
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { SessionPort } from '../shared/call.js';
import type { StaffUser } from '../shared/accounts.js';
import type { Caller } from './ipc-binding.js';

export interface SessionStore {
  lookup(token: string): { user: StaffUser } | null;
  signOut(token: string): void;
}

/** The web contents events that end the page a session was opened in. */
const PAGE_ENDS = ['render-process-gone', 'did-navigate'] as const;

type Sender = Pick<IpcMainInvokeEvent['sender'], 'id' | 'on' | 'once'>;

export class WindowSessions {
  private readonly tokens = new Map<number, string>();
  private readonly watched = new Set<number>();

  constructor(private readonly store: SessionStore) {}

  /** The caller of one IPC call: its window's user, and the port auth methods use to change it. */
  callerOf(event: { sender: Sender }): Caller {
    const id = event.sender.id;
    const token = this.tokens.get(id) ?? null;
    const user = token ? (this.store.lookup(token)?.user ?? null) : null;
    if (token && !user) this.tokens.delete(id);
    const session: SessionPort = {
      token,
      start: (value) => {
        this.watch(event.sender);
        this.tokens.set(id, value);
      },
      end: () => void this.tokens.delete(id),
    };
    return { role: user?.role ?? 'anyone', user, session, staffAllowed: true };
  }

  /** Listens once per web contents for the end of its page. */
  private watch(sender: Sender): void {
    const id = sender.id;
    if (this.watched.has(id)) return;
    this.watched.add(id);
    for (const event of PAGE_ENDS) sender.on(event as 'did-navigate', () => this.forget(id));
    sender.once('destroyed', () => {
      this.forget(id);
      this.watched.delete(id);
    });
  }

  private forget(id: number): void {
    const token = this.tokens.get(id);
    if (token) this.store.signOut(token);
    this.tokens.delete(id);
  }
}
