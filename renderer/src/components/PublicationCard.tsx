import { Link } from 'react-router';
import type { PublicationSummary } from '../../../shared/domain.js';
import { formatDate, machineDate } from '../format.js';
import { useT } from '../i18n.js';
import { Availability, KindTag, StatusBadge } from './Badges.js';

export function publicationPath(id: string): string {
  return `/publications/${encodeURIComponent(id)}`;
}

/** State passed to the publication page so its back link returns to the same list page. */
export interface FromList {
  listSearch: string;
}

/** One publication in the list: the whole card is one large link named by the title. */
export function PublicationCard({ publication: p, listSearch }: { publication: PublicationSummary; listSearch: string }) {
  const t = useT();
  const state: FromList = { listSearch };
  return (
    <li className="card" data-testid="publication-item">
      <div className="card-tags">
        <KindTag kind={p.kind} />
        <StatusBadge status={p.legalStatus} />
      </div>
      <h2 className="card-title">
        <Link className="card-link" to={publicationPath(p.id)} state={state}>
          {p.title}
        </Link>
      </h2>
      <dl className="card-meta">
        {p.number && (
          <div>
            <dt>{t('field.number')}</dt>
            <dd className="doc-number">{p.number}</dd>
          </div>
        )}
        {p.docType && (
          <div>
            <dt>{t('field.docType')}</dt>
            <dd>{p.docType}</dd>
          </div>
        )}
        {p.issuer && (
          <div>
            <dt>{t('field.issuer')}</dt>
            <dd>{p.issuer}</dd>
          </div>
        )}
        {p.issuedDate && (
          <div>
            <dt>{t('field.issuedDate')}</dt>
            <dd>
              <time dateTime={machineDate(p.issuedDate)}>{formatDate(p.issuedDate)}</time>
            </dd>
          </div>
        )}
      </dl>
      <Availability available={p.available} />
    </li>
  );
}
