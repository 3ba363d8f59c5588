/**
 * What the engine understood of a query, above the results: the words it searched when it
 * restored accents or corrected a typo ("Đang tìm: …", "Có phải bạn muốn tìm …?"), the law's
 * words it searched besides the resident's own ("ly dị" → "ly hôn"), and a link to search the
 * words exactly as typed — or, once that is chosen, back to the understood search.
 */
import { Link } from 'react-router';
import type { QueryUnderstanding } from '../../../shared/search/results.js';
import { useT } from '../i18n.js';

interface Props {
  q: string;
  understood: QueryUnderstanding;
  asTyped: boolean;
  asTypedPath: string;
  understoodPath: string;
}

export function QueryUnderstood({ q, understood, asTyped, asTypedPath, understoodPath }: Props) {
  const t = useT();
  if (asTyped) {
    return (
      <p className="understood" data-testid="understood">
        {t('understood.asTyped')}{' '}
        <Link to={understoodPath} data-testid="understood-link">
          {t('understood.understandAgain')}
        </Link>
      </p>
    );
  }
  const { searched, corrected, expanded } = understood;
  if (!searched && !expanded.length) return null;
  return (
    <div className="understood" data-testid="understood">
      {searched && (
        <p>
          {t(corrected ? 'understood.didYouMean' : 'understood.searching')} <strong data-testid="understood-searched">{searched}</strong>
          {corrected && t('understood.didYouMeanEnd')}
        </p>
      )}
      {expanded.length > 0 && (
        <p>
          {t('understood.expanded')} <span data-testid="understood-expanded">{expanded.map((words) => `“${words}”`).join(', ')}</span>
        </p>
      )}
      <p>
        <Link to={asTypedPath} data-testid="as-typed-link">
          {t('understood.searchAsTyped', { q })}
        </Link>
      </p>
    </div>
  );
}
