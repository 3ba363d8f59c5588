/** The way from either reader to the text view of the same document (large type, reflowed, for small screens), with the words of the search that led here. */
import { Link } from 'react-router';
import { useT } from '../../i18n.js';
import { textPath } from '../../routes.js';
import { TextViewIcon } from './icons.js';

export function TextViewLink({ id, query, className, labelClassName }: { id: string; query?: string; className: string; labelClassName: string }) {
  const t = useT();
  return (
    <Link to={textPath(id, { q: query })} className={className} aria-label={t('reader.textViewLabel')} title={t('reader.textViewLabel')} data-testid="reader-text-view">
      <TextViewIcon />
      <span className={labelClassName}>{t('reader.textView')}</span>
    </Link>
  );
}
