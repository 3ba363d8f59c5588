/** In place of a PDF that cannot be shown: what is wrong in plain words, the way back and, when it may help, "try again". */
import { Link } from 'react-router';
import { useT } from '../../i18n.js';
import { BackIcon } from '../shared/icons.js';
import { PROBLEM_MESSAGE } from './errors.js';
import type { PdfProblem } from './errors.js';

export function PdfError({ problem, title, backTo, onRetry }: { problem: PdfProblem; title: string; backTo: string; onRetry(): void }) {
  const t = useT();
  return (
    <div className="pdf-reader pdf-reader-error" data-testid="pdf-reader" data-state="error" data-problem={problem}>
      <div className="pdf-error" role="alert" data-testid="pdf-error">
        <h2 className="pdf-error-title">{t('pdf.error.title')}</h2>
        <p className="pdf-error-doc">{title}</p>
        <p>{t(PROBLEM_MESSAGE[problem])}</p>
        <div className="pdf-error-actions">
          <Link to={backTo} className="pdf-button primary big" data-testid="pdf-back">
            <BackIcon />
            <span>{t('pdf.backLabel')}</span>
          </Link>
          {problem === 'unavailable' || problem === 'generic' ? (
            <button type="button" className="pdf-button big" onClick={onRetry}>
              {t('pdf.error.retry')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
