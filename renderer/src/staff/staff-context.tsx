/**
 * Who is signed in on this screen (a librarian, an official, or nobody), read once through
 * `auth.state` and again after signing in or out. `useStaff()` gives the state and the actions.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { AuthState } from '../../../shared/accounts.js';
import { client } from '../client.js';

interface StaffContextValue {
  /** null while the first answer is on its way. */
  state: AuthState | null;
  refresh(): Promise<AuthState>;
  signOut(): Promise<void>;
}

const StaffContext = createContext<StaffContextValue | null>(null);

const SIGNED_OUT: AuthState = { firstRun: false, user: null, signInAllowed: false, setupAllowed: false, expiresAt: null };

export function StaffProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState | null>(null);
  const refresh = useCallback(async () => {
    const next = await client.call('auth.state', {}).catch(() => SIGNED_OUT);
    setState(next);
    return next;
  }, []);
  const signOut = useCallback(async () => {
    await client.call('auth.signOut', {}).catch(() => undefined);
    await refresh();
  }, [refresh]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <StaffContext.Provider value={value}>{children}</StaffContext.Provider>;
}

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside StaffProvider');
  return value;
}
