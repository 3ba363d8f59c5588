/**
 * Shows staff pages only to a signed-in librarian or official with the role they need; anyone
 * else is taken to the sign-in screen (or the first-run setup), and comes back after signing in.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { StaffRole } from '../../../shared/accounts.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { signInPath } from './staff-paths.js';
import { useStaff } from './staff-context.js';

export function RequireStaff({ role, children }: { role: StaffRole; children: ReactNode }) {
  const { state } = useStaff();
  const location = useLocation();
  const t = useT();
  if (!state) return <Loading />;
  const user = state.user;
  if (!user) return <Navigate to={signInPath(`${location.pathname}${location.search}`, state.firstRun)} replace />;
  if (role === 'official' && user.role !== 'official') {
    return (
      <div className="notice error" role="alert">
        <p>{t('staff.officialsOnly')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
