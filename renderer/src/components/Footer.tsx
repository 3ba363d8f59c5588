import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';

/** The library's name and the app version, from library.info; nothing while unknown. */
export function Footer() {
  const t = useT();
  const info = useCall('library.info', {});
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
      </div>
    </footer>
  );
}
