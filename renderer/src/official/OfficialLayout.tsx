/**
 * The frame of every official page: the menu of administration pages (the current one marked; a
 * hub's pages only at a hub), the page's heading with a "?" link to its help topic, and the page
 * itself. A page that brings its own heading (the update panel) gets the menu and the help link only.
 */
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { helpPath, topicTitle } from '../help/topics.js';
import { PAGE_HELP, PAGE_LABEL, menuPages, officialPath } from './official-paths.js';
import type { OfficialPage } from './official-paths.js';

function WindowTitle({ title }: { title: string }) {
  useDocumentTitle(title);
  return null;
}

export function OfficialLayout({ page, lead, ownHeading = false, children }: { page: OfficialPage; lead?: string; ownHeading?: boolean; children: ReactNode }) {
  const t = useT();
  const info = useCall('library.info', {});
  // Until the station says it is a hub, its menu has the station's pages only.
  const hub = info.status === 'ok' && info.data.hub;
  const title = page === 'overview' ? t('overview.title') : t(PAGE_LABEL[page]);
  const topic = PAGE_HELP[page];
  const help = (
    <Link className="help-link" to={helpPath(topic)} aria-label={t('official.helpLabel', { topic: t(topicTitle(topic)) })} data-testid="help-link">
      <span className="help-mark" aria-hidden="true">
        ?
      </span>
      <span>{t('official.help')}</span>
    </Link>
  );
  return (
    <div className="official" data-testid={`official-${page}`}>
      <nav className="official-nav" aria-label={t('official.navLabel')}>
        <ul>
          {menuPages(hub).map((one) => (
            <li key={one}>
              <NavLink to={officialPath(one)} end className="official-nav-link">
                {t(PAGE_LABEL[one])}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {ownHeading ? (
        <div className="official-page">
          <p className="official-head own-heading">{help}</p>
          {children}
        </div>
      ) : (
        <section className="official-page" aria-labelledby="official-title">
          <WindowTitle title={title} />
          <header className="official-head">
            <h1 id="official-title">{title}</h1>
            {help}
          </header>
          {lead && <p className="official-lead">{lead}</p>}
          {children}
        </section>
      )}
    </div>
  );
}
