/** The frame of a help page: the way back to all topics, the page's title and lead. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { HELP_HOME } from '../staff/staff-paths.js';

export function HelpLayout({ title, lead, back = true, children }: { title: string; lead: string; back?: boolean; children: ReactNode }) {
  const t = useT();
  useDocumentTitle(title);
  return (
    <article className="help" aria-labelledby="help-title">
      {back && (
        <p className="back">
          <Link to={HELP_HOME} className="back-link">
            {t('help.back')}
          </Link>
        </p>
      )}
      <h1 id="help-title">{title}</h1>
      <p className="official-lead">{lead}</p>
      {children}
    </article>
  );
}
