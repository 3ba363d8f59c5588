import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { STAFF_HOME } from '../staff/staff-paths.js';
import { useStaff } from '../staff/staff-context.js';
import { useCall } from '../use-call.js';

/**
 * The library's name and the app version, from library.info; nothing while unknown. Staff
 * reach their area from here, on a screen where they may sign in (not a phone on the LAN).
 */
export function Footer() {
  const t = useT();
  const info = useCall('library.info', {});
  const staff = useStaff().state;
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        {info.status === 'ok' ? (
          <p>
            <span className="library-name">{info.data.name}</span>
            <span className="footer-sep" aria-hidden="true">
              {' · '}
            </span>
            <span className="app-version">{t('app.version', { version: info.data.appVersion })}</span>
          </p>
        ) : (
          <p>{t('app.title')}</p>
        )}
        {staff?.signInAllowed && (
          <Link className="staff-link" to={STAFF_HOME}>
            {staff.user ? staff.user.displayName : t('staff.link')}
          </Link>
        )}
      </div>
    </footer>
  );
}
