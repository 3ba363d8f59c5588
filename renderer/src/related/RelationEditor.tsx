/**
 * An official's corrections on the publication page, under its related documents: the relations
 * removed, each with "Khôi phục", and a small form adding a relation of this document to another,
 * named by its number as printed — what it does to it (the outgoing groups), whole or part, and
 * the articles concerned.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { RELATION_TARGET_MAX } from '../../../shared/contract/relations.js';
import type { PublicationDetail } from '../../../shared/domain.js';
import type { RelationKind } from '../../../shared/related.js';
import { useT } from '../i18n.js';
import { Field } from '../staff/Field.js';
import { articlesOf, documentName, groupOf, OUTGOING_GROUPS } from './related-documents.js';
import type { RelationCorrections } from './use-relation-corrections.js';
import '../styles/staff.css';

export function RelationEditor({ publication: p, corrections }: { publication: PublicationDetail; corrections: RelationCorrections }) {
  const t = useT();
  const [kind, setKind] = useState<RelationKind>('replaces');
  const [target, setTarget] = useState('');
  const [scope, setScope] = useState<'whole' | 'part'>('whole');
  const [articles, setArticles] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await corrections.add({ kind, target: target.trim(), scope, articles: scope === 'part' ? articlesOf(articles) : [] });
    if (added) {
      setTarget('');
      setArticles('');
    }
  };

  return (
    <div className="related-editor" data-testid="related-editor">
      {p.removedRelations.length > 0 && (
        <section aria-labelledby="related-removed-heading" data-testid="related-removed">
          <h3 id="related-removed-heading">{t('related.removedHeading')}</h3>
          <ul className="related-list">
            {p.removedRelations.map((item) => (
              <li key={item.relationId} className="card-row related-item removed" data-testid="related-removed-item">
                <p className="related-what">
                  <span className="related-group-name">{t(`related.group.${groupOf(item)}`)}:</span> <span className="related-title">{documentName(t, item)}</span>
                </p>
                <button
                  type="button"
                  className="button"
                  disabled={corrections.busy}
                  aria-label={t('related.restoreLabel', { document: documentName(t, item) })}
                  onClick={() => void corrections.restore(item.relationId)}
                >
                  {t('related.restore')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form className="staff-form related-add" onSubmit={(event) => void submit(event)} aria-labelledby="related-add-heading">
        <h3 id="related-add-heading">{t('related.addHeading')}</h3>
        <p className="related-hint">{t('related.addHint')}</p>
        <div className="staff-field">
          <label htmlFor="related-kind">{t('related.kindLabel')}</label>
          <select id="related-kind" value={kind} onChange={(event) => setKind(event.target.value as RelationKind)}>
            {OUTGOING_GROUPS.map((g) => (
              <option key={g.kind} value={g.kind}>
                {t(`related.group.${g.group}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('related.targetLabel')}
          hint={t('related.targetHint')}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          required
          maxLength={RELATION_TARGET_MAX}
          autoComplete="off"
        />
        <fieldset className="related-scope">
          <legend>{t('related.scopeLabel')}</legend>
          {(['whole', 'part'] as const).map((value) => (
            <label key={value} className="related-choice">
              <input type="radio" name="related-scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
              <span>{t(`related.scope.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        {scope === 'part' && (
          <Field label={t('related.articlesLabel')} hint={t('related.articlesHint')} value={articles} onChange={(event) => setArticles(event.target.value)} autoComplete="off" />
        )}
        <p>
          <button type="submit" className="button primary" disabled={corrections.busy}>
            {t('related.add')}
          </button>
        </p>
      </form>
    </div>
  );
}
