import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ArrowLeftIcon } from './icons.js';

/** A friendly page for a document or address that does not exist. */
export function NotFound() {
  const t = useT();
  useDocumentTitle(t('notFound.heading'));
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t('notFound.heading')}</h1>
      <p className="lead">{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button primary">
          <ArrowLeftIcon />
          <span>{t('nav.home')}</span>
        </Link>
      </p>
    </section>
  );
}
