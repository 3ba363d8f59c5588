/**
 * The friendly answer when nothing was found: says the search already ignored accents (the
 * engine folds both the query and the texts, so "ly hon" and "ly hôn" are the same search) —
 * or, honestly, that the words were only found scattered, never together —, offers typeahead
 * suggestions for the words or their start, and what else to try.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Suggestion } from '../../../shared/search/results.js';
import { vnFold } from '../../../shared/text.js';
import { client } from '../client.js';
import { formatDate } from '../format.js';
import { useT } from '../i18n.js';
import { publicationPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import { Highlighted } from './Highlighted.js';
import '../styles/search.css';

/**
 * The words; then each word less its last letter (a slip of the finger: "hiemm"); then the
 * first two words, then the first — until typeahead finds something.
 */
function attempts(q: string): string[] {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const shorter = words.map((w) => (w.length > 2 ? w.slice(0, -1) : w));
  const tries = [words.join(' '), shorter.join(' ')];
  if (words.length > 2) tries.push(words.slice(0, 2).join(' '));
  if (words.length > 1) tries.push(words[0]);
  return [...new Set(tries.filter((text) => text.length > 0))];
}

function useFallbackSuggestions(q: string): Suggestion[] {
  const [found, setFound] = useState<{ q: string; items: Suggestion[] }>({ q: '', items: [] });
  useEffect(() => {
    let current = true;
    void (async () => {
      for (const text of attempts(q)) {
        try {
          const items = await client.call('suggest', { q: text, limit: 5 });
          if (!current) return;
          if (items.length > 0) {
            setFound({ q, items });
            return;
          }
        } catch {
          return; // Suggestions are a bonus: no error for them.
        }
      }
    })();
    return () => {
      current = false;
    };
  }, [q]);
  return found.q === q ? found.items : [];
}

export function NoResults({ q, filtered, withoutFilters, scattered = false }: { q: string; filtered: boolean; withoutFilters: string; scattered?: boolean }) {
  const t = useT();
  const location = useLocation();
  // Words found only scattered would give scattered titles too: the related fields are offered instead.
  const suggestions = useFallbackSuggestions(scattered ? '' : q);
  const back: BackTo = { path: `${location.pathname}${location.search}`, kind: 'results' };
  const folded = vnFold(q.trim());
  return (
    <section className="no-results" aria-labelledby="no-results-heading" data-testid="no-results">
      <h2 id="no-results-heading">{q ? t('noResults.title', { q: q.trim() }) : t('noResults.titleBrowse')}</h2>
      {q && <p className="lead">{scattered ? t('noResults.scattered', { q: q.trim() }) : t('noResults.folded', { folded })}</p>}
      {filtered && (
        <p>
          <Link className="button primary" to={withoutFilters}>
            {t('noResults.withoutFilters')}
          </Link>
        </p>
      )}
      {suggestions.length > 0 && (
        <div className="no-results-suggestions">
          <h3>{t('noResults.suggestionsHeading')}</h3>
          <ul className="link-list">
            {suggestions.map((s) => (
              <li key={s.id}>
                <Link to={publicationPath(s.id)} state={back} className="link-row">
                  <span className="link-row-title">
                    <Highlighted text={s.title} ranges={s.titleHighlights} />
                  </span>
                  <span className="link-row-meta">{[s.docType, s.number, formatDate(s.issuedDate)].filter(Boolean).join(' · ')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('noResults.tryHeading')}</h3>
      <ul className="tips">
        {q && <li>{t('noResults.tryFewer')}</li>}
        {q && <li>{t('noResults.trySpelling')}</li>}
        <li>{t('noResults.tryNumber')}</li>
        <li>
          <Link to="/">{t('noResults.tryFields')}</Link>
        </li>
        <li>{t('noResults.tryAsk')}</li>
      </ul>
    </section>
  );
}
