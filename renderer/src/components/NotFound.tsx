import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ArrowLeftIcon } from './icons.js';

/** A friendly page for a document or address that does not exist. */
export function NotFound() {
  const t = useT();
  useDocumentTitle(t('error.not_found'));
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t('error.not_found')}</h1>
      <p>
        <Link to="/" className="button primary">
          <ArrowLeftIcon />
          <span>{t('nav.home')}</span>
        </Link>
      </p>
    </section>
  );
}
