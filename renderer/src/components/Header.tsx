import { Link, useLocation } from 'react-router';
import type { MouseEvent } from 'react';
import { useLanguage } from '../i18n.js';
import { useDisplay } from '../kiosk/display.js';
import { ContrastIcon, TextSizeIcon } from '../kiosk/icons.js';
import { BookIcon, GlobeIcon } from './icons.js';

export const MAIN_ID = 'main';

/** Moves focus to the main region. A plain "#main" link would change the HashRouter's route. */
export function focusMain(): void {
  document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
}

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  focusMain();
  document.getElementById(MAIN_ID)?.scrollIntoView();
}

export function Header() {
  const { lang, setLang, t } = useLanguage();
  const display = useDisplay();
  const other = lang === 'vi' ? 'en' : 'vi';
  const isHome = useLocation().pathname === '/';
  const title = (
    <Link to="/" className="brand-title">
      {t('app.title')}
    </Link>
  );
  return (
    <header className="site-header">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <div className="site-header-inner">
        <div className="brand">
          <BookIcon className="brand-icon" />
          <div className="brand-text">
            {/* The link is named by the title alone; the tagline stays outside it. On the home
                page the title is the page's h1; elsewhere the page has its own. */}
            {isHome ? (
              <h1 className="brand-heading">{title}</h1>
            ) : (
              title
            )}
            <p className="brand-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="header-tools" role="group" aria-label={t('display.label')}>
          <button
            type="button"
            className="header-toggle"
            data-testid="display-large-text"
            aria-pressed={display.largeText}
            title={t('display.largeTextLabel')}
            onClick={display.toggleLargeText}
          >
            <TextSizeIcon />
            <span>{t('display.largeText')}</span>
          </button>
          <button
            type="button"
            className="header-toggle"
            data-testid="display-contrast"
            aria-pressed={display.highContrast}
            title={t('display.contrastLabel')}
            onClick={display.toggleHighContrast}
          >
            <ContrastIcon />
            <span>{t('display.contrast')}</span>
          </button>
          <button
            type="button"
            className="header-toggle language-toggle"
            data-testid="language-toggle"
            aria-label={t('lang.switchLabel')}
            lang={other}
            onClick={() => setLang(other)}
          >
            <GlobeIcon />
            <span>{t('lang.switch')}</span>
          </button>
        </div>
      </div>
    </header>
  );
}
