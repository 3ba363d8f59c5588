/**
 * The text view's table of contents: every part, chapter, section and article of the whole text,
 * each a link to its place (another part loads when it is elsewhere); the article being read is
 * marked. Beside the text on a wide screen; on a phone, shown when asked for and folded again
 * after a choice.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { TextHeading } from '../../../shared/contract/reading.js';
import { useT } from '../i18n.js';
import { ListIcon } from './icons.js';

export function TextContents({ contents, current, searchFor }: { contents: readonly TextHeading[]; current: number | null; searchFor(heading: TextHeading): string }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  // The current heading stays in sight in a long list (the list scrolls, not the page).
  useEffect(() => {
    const box = list.current;
    const item = box?.querySelector<HTMLElement>('[aria-current]')?.parentElement;
    if (!box || !item || box.scrollHeight <= box.clientHeight) return;
    if (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = item.offsetTop - box.clientHeight / 3;
  }, [current, open]);

  return (
    <nav className={`text-contents${open ? ' open' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 className="text-contents-title" id={`${id}-title`}>
        {t('textView.contents')}
      </h2>
      <button type="button" className="button text-contents-toggle" aria-expanded={open} aria-controls={`${id}-list`} onClick={() => setOpen(!open)} data-testid="contents-toggle">
        <ListIcon />
        <span>{t(open ? 'textView.contentsHide' : 'textView.contentsShow')}</span>
      </button>
      <ol className="text-contents-list" id={`${id}-list`} ref={list}>
        {contents.map((heading) => (
          <li key={heading.section} className={`contents-${heading.level}`}>
            <Link
              to={{ search: searchFor(heading) }}
              replace
              aria-current={heading.section === current ? 'location' : undefined}
              onClick={() => setOpen(false)}
              data-testid="contents-link"
            >
              <span className="contents-label">{heading.label}</span>
              {heading.title && <span className="contents-title">{heading.title}</span>}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
