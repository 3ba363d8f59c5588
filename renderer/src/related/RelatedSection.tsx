/**
 * "Văn bản liên quan" on the publication page: the documents related to this one, a heading per
 * group in shared/related.ts's order (what acts on it first). Each names its title — a link when
 * the station holds it, with a note when it does not — its number, its status, and the articles
 * when only a part is concerned. A signed-in official also gets a way to remove a wrong relation,
 * to restore a removed one and to add one (RelationEditor); residents never see those.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { PublicationDetail } from '../../../shared/domain.js';
import type { RelatedDocument } from '../../../shared/related.js';
import { showsLegalStatus, StatusBadge } from '../components/Badges.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useT } from '../i18n.js';
import { publicationPath } from '../routes.js';
import { useStaff } from '../staff/staff-context.js';
import { documentName } from './related-documents.js';
import { RelationEditor } from './RelationEditor.js';
import { useRelationCorrections } from './use-relation-corrections.js';
import type { RelationCorrections } from './use-relation-corrections.js';
import '../styles/related.css';

export function RelatedSection({ publication: p, onCorrected }: { publication: PublicationDetail; onCorrected(detail: PublicationDetail): void }) {
  const t = useT();
  const official = useStaff().state?.user?.role === 'official';
  const corrections = useRelationCorrections(p.id, onCorrected);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The button pressed may be gone with its relation: the words saying what was done take the focus.
  useEffect(() => {
    if (corrections.done) doneRef.current?.focus();
  }, [corrections.done]);

  const editing = official && showsLegalStatus(p);
  if (p.related.length === 0 && !editing) return null;
  return (
    <section className="related" aria-labelledby="related-heading" data-testid="related">
      <h2 id="related-heading">{t('related.heading')}</h2>
      {p.related.length === 0 && <p>{t('related.none')}</p>}
      {p.related.map(({ group, items }) => (
        <section key={group} className="related-group" aria-labelledby={`related-${group}`} data-testid={`related-${group}`}>
          <h3 id={`related-${group}`}>{t(`related.group.${group}`)}</h3>
          <ul className="related-list">
            {items.map((item) => (
              <RelatedItem key={item.relationId} item={item} corrections={editing ? corrections : null} />
            ))}
          </ul>
        </section>
      ))}
      {editing && (
        <>
          {corrections.error && <ErrorMessage error={corrections.error} />}
          {corrections.done && (
            <p className="notice related-done" role="status" tabIndex={-1} ref={doneRef} data-testid="related-done">
              {t(corrections.done)}
            </p>
          )}
          <RelationEditor publication={p} corrections={corrections} />
        </>
      )}
    </section>
  );
}

function RelatedItem({ item, corrections }: { item: RelatedDocument; corrections: RelationCorrections | null }) {
  const t = useT();
  const name = item.title ?? item.number;
  const document = documentName(t, item);
  return (
    <li className="card-row related-item" data-testid="related-item">
      <div className="related-what">
        {item.publicationId ? (
          <Link className="related-title" to={publicationPath(item.publicationId)}>
            {name}
          </Link>
        ) : (
          <span className="related-title">{name}</span>
        )}
        <div className="related-facts">
          {item.title && item.number && <span className="doc-number">{item.number}</span>}
          {item.status && <StatusBadge status={item.status} />}
          {!item.publicationId && <span className="related-missing">{t('related.notHeld')}</span>}
          {item.scope === 'part' && (
            <span className="related-part">{item.articles.length > 0 ? t('related.partArticles', { articles: item.articles.join(', ') }) : t('related.part')}</span>
          )}
        </div>
      </div>
      {corrections && (
        <ConfirmButton
          label={t('related.remove')}
          ariaLabel={t('related.removeLabel', { document })}
          question={t('related.removeQuestion', { document })}
          confirmLabel={t('related.removeConfirm')}
          disabled={corrections.busy}
          testId="related-remove"
          onConfirm={() => void corrections.remove(item.relationId)}
        />
      )}
    </li>
  );
}
