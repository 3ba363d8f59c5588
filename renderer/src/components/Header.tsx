import { Link } from 'react-router';
import type { MouseEvent } from 'react';
import { useLanguage } from '../i18n.js';
import { BookIcon, GlobeIcon } from './icons.js';

export const MAIN_ID = 'main';

/** Moves focus to the main region. A plain "#main" link would change the HashRouter's route. */
export function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  main?.focus();
}

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  focusMain();
  document.getElementById(MAIN_ID)?.scrollIntoView();
}

export function Header() {
  const { lang, setLang, t } = useLanguage();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <header className="site-header">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <BookIcon className="brand-icon" />
          <span className="brand-text">
            <span className="brand-title">{t('app.title')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        <button
          type="button"
          className="language-toggle"
          data-testid="language-toggle"
          aria-label={t('lang.switchLabel')}
          lang={other}
          onClick={() => setLang(other)}
        >
          <GlobeIcon />
          <span>{t('lang.switch')}</span>
        </button>
      </div>
    </header>
  );
}
