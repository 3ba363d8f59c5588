import { useId } from 'react';
import { Link } from 'react-router';
import type { PublicationSummary } from '../../../shared/domain.js';
import { Availability, KindTag, StatusBadge, showsLegalStatus } from './Badges.js';
import { PublicationMeta } from './PublicationMeta.js';
import { publicationPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import '../styles/search.css';

/** One publication in a list: the whole card is one large link (title, number and all). */
export function PublicationCard({ publication: p, back, compact = false }: { publication: PublicationSummary; back: BackTo; compact?: boolean }) {
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
          {showsLegalStatus(p) && <StatusBadge status={p.status} />}
        </div>
        <PublicationMeta publication={p} docType={!compact} numberId={`${id}-number`} />
        <Availability available={p.available} excluded={p.excluded} id={`${id}-availability`} />
      </Link>
    </li>
  );
}
