/**
 * One search result: the publication (title with the matched words marked, number, type,
 * issuer, date, legal status, whether its file is here) and its best article-level hits, each
 * opening the reader at the article's page with the words highlighted that this page marks (not a
 * question's "là bao nhiêu"), and each with "Xem chữ
 * to": the text view at that article (the station holds the text of every hit, file or not).
 */
import { useId } from 'react';
import { Link } from 'react-router';
import type { PassageHit, SearchHit } from '../../../shared/search/results.js';
import { useT } from '../i18n.js';
import { publicationPath, readerPath, textPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import { Availability, KindTag, StatusBadge, showsLegalStatus } from './Badges.js';
import { Highlighted } from './Highlighted.js';
import { PublicationMeta } from './PublicationMeta.js';
import { ChevronRightIcon } from './icons.js';
import { LargeTextIcon } from '../text/icons.js';
import '../styles/search.css';
import '../text/text-links.css';

/** `marks`: the words the results page marks, for the reader to find; `q`: the query, for the text view (which reads it as search does). */
export function SearchHitCard({ hit, q, marks, back }: { hit: SearchHit; q: string; marks: string; back: BackTo }) {
  const t = useT();
  const id = useId();
  const p = hit.publication;
  const readable = p.available;
  return (
    <li className="hit" data-testid="search-hit">
      <div className="card-tags">
        {hit.matchedBy === 'number' && <span className="badge by-number">{t('results.byNumber')}</span>}
        {p.docType ? <span className="badge kind">{p.docType}</span> : <KindTag kind={p.kind} />}
        {showsLegalStatus(p) && <StatusBadge status={p.status} />}
      </div>
      <h2 className="hit-title" id={`${id}-title`}>
        <Link to={publicationPath(p.id)} state={back} data-testid="hit-link">
          <Highlighted text={p.title} ranges={hit.titleHighlights} />
        </Link>
      </h2>
      <PublicationMeta publication={p} />
      <Availability available={p.available} excluded={p.excluded} />
      {hit.hits.length > 0 && (
        <ul className="passages" aria-label={t('results.hitsLabel')}>
          {hit.hits.map((passage) => (
            <li key={passage.offset} className="passage-row">
              {readable ? (
                <Link className="passage" to={readerPath(p.id, { page: passage.page ?? undefined, q: marks })} data-testid="passage-link">
                  <Passage passage={passage} />
                  <ChevronRightIcon />
                </Link>
              ) : (
                <div className="passage">
                  <Passage passage={passage} />
                </div>
              )}
              <Link
                className="button passage-text-link"
                to={textPath(p.id, { section: passage.sectionId ?? undefined, q })}
                aria-label={t('textView.openAt', { place: passage.label ?? t('results.passage') })}
                data-testid="passage-text-link"
              >
                <LargeTextIcon />
                <span aria-hidden="true">{t('textView.open')}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Passage({ passage }: { passage: PassageHit }) {
  const t = useT();
  return (
    <span className="passage-body">
      <span className="passage-place">
        <span className="passage-label">
          {passage.label ? `${passage.label}${passage.heading ? `. ${passage.heading}` : ''}` : t('results.passage')}
        </span>
        {passage.page !== null && <span className="passage-page">{t('results.page', { page: passage.page })}</span>}
      </span>
      <span className="snippet">
        <Highlighted text={passage.snippet} ranges={passage.highlights} />
      </span>
    </span>
  );
}
