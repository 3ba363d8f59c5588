import { useId } from 'react';
import { Link } from 'react-router';
import type { PublicationSummary } from '../../../shared/domain.js';
import { formatDate, machineDate } from '../format.js';
import { useT } from '../i18n.js';
import { Availability, KindTag, StatusBadge, showsLegalStatus } from './Badges.js';
import { publicationPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import '../styles/search.css';

/** One publication in a list: the whole card is one large link (title, number and all). */
export function PublicationCard({ publication: p, back, compact = false }: { publication: PublicationSummary; back: BackTo; compact?: boolean }) {
  const t = useT();
  const id = useId();
  // Screen readers announce the link by title and number; the rest stays readable inside it.
  const labelledBy = p.number ? `${id}-title ${id}-number` : `${id}-title`;
  return (
    <li className={compact ? 'card-item compact' : 'card-item'} data-testid="publication-item">
      <Link className="card" to={publicationPath(p.id)} state={back} aria-labelledby={labelledBy} aria-describedby={`${id}-availability`}>
        <h3 className="card-title" id={`${id}-title`}>
          {p.title}
        </h3>
        {/* After the title in reading order, above it on screen. */}
        <div className="card-tags">
          <KindTag kind={p.kind} />
          {showsLegalStatus(p) && <StatusBadge status={p.legalStatus} />}
        </div>
        <dl className="card-meta">
          {p.number && (
            <div>
              <dt>{t('field.number')}</dt>
              <dd className="doc-number" id={`${id}-number`}>
                {p.number}
              </dd>
            </div>
          )}
          {p.docType && !compact && (
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
        <Availability available={p.available} excluded={p.excluded} id={`${id}-availability`} />
      </Link>
    </li>
  );
}
