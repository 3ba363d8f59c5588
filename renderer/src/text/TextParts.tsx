/**
 * The way between the parts of a long text (a code of hundreds of articles comes a part at a
 * time): the previous and next part, each named by the articles it holds ("Điều 41 – Điều 80").
 */
import { Link } from 'react-router';
import type { PublicationText } from '../../../shared/contract/reading.js';
import { useT } from '../i18n.js';
import { ChevronLeftIcon, ChevronRightIcon } from '../components/icons.js';

/** The first and last heading of a part, as the text names them ("Điều 41 – Điều 80"). */
function partRange(text: PublicationText, part: number): string | null {
  const headings = text.contents.filter((h) => h.part === part);
  const articles = headings.filter((h) => h.level === 'article');
  const named = articles.length > 0 ? articles : headings;
  if (named.length === 0) return null;
  const first = named[0].label;
  const last = named[named.length - 1].label;
  return first === last ? first : `${first} – ${last}`;
}

export function TextParts({ text, searchFor }: { text: PublicationText; searchFor(part: number): string }) {
  const t = useT();
  if (text.parts < 2) return null;
  const link = (part: number, label: 'textView.partPrevious' | 'textView.partNext') => {
    const range = partRange(text, part);
    return (
      <Link className={`button text-part-link ${label === 'textView.partNext' ? 'next' : 'previous'}`} to={{ search: searchFor(part) }} data-testid={label === 'textView.partNext' ? 'part-next' : 'part-previous'}>
        {label === 'textView.partPrevious' && <ChevronLeftIcon />}
        <span>
          {t(label)}
          {range && <span className="text-part-range">{range}</span>}
        </span>
        {label === 'textView.partNext' && <ChevronRightIcon />}
      </Link>
    );
  };
  return (
    <nav className="text-parts" aria-label={t('textView.partsLabel')}>
      {text.part > 0 && link(text.part - 1, 'textView.partPrevious')}
      <p className="text-part-now">{t('textView.partOf', { part: text.part + 1, parts: text.parts })}</p>
      {text.part + 1 < text.parts && link(text.part + 1, 'textView.partNext')}
    </nav>
  );
}
