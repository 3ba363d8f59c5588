/**
 * The EPUB reader (epub.js 0.3.93, through adapter.ts): pages turned by buttons (once per tap),
 * keys (← / →, PageUp / PageDown) and swipes; panels for the table of contents, search inside the
 * book with Vietnamese folding (the words of the search that led here, in any order), and text
 * size with white / sepia / dark / high-contrast pages (panels/panels.ts lists them), following
 * the station's large text and high contrast; the position in the book; the way to the text view;
 * "Nghe", which reads the chapter aloud from the top of the page (./use-epub-speech.ts), its
 * controls in place of the page bar while it reads and its voice among the settings;
 * web links shown with a QR code instead of being opened; one line over the toolbar when the
 * document is not (or not yet, or only partly) in force. The reader fills the window under the
 * header (reader.css). Book content never runs scripts (see adapter.ts).
 */
import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ArrowLeftIcon, WarningIcon } from '../../components/icons.js';
import { ReadAloudBar } from '../../text/ReadAloudBar.js';
import { SpeakerIcon } from '../../text/icons.js';
import { useT } from '../../i18n.js';
import { useDisplay } from '../../kiosk/display.js';
import { StatusBanner } from '../../related/StatusBanner.js';
import { BackIcon } from '../shared/icons.js';
import { useNarrowScreen } from '../shared/narrow-screen.js';
import { OutsideLinkDialog } from '../shared/OutsideLinkDialog.js';
import { isReaderKey } from '../shared/page-keys.js';
import { TextViewLink } from '../shared/TextViewLink.js';
import type { ReaderProps } from '../types.js';
import { BottomBar } from './BottomBar.js';
import { PanelButton, PanelFrame } from './panels/PanelFrame.js';
import { PANELS } from './panels/panels.js';
import type { PanelProps } from './panels/panels.js';
import { useBookSearch } from './use-book-search.js';
import { useEpubBook } from './use-epub-book.js';
import { useEpubSpeech } from './use-epub-speech.js';
import { useSettings } from './use-settings.js';
import './epub.css';

export default function EpubReader({ publication, url, query, backTo }: ReaderProps) {
  const t = useT();
  const stageRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrowScreen();
  const { largeText, highContrast } = useDisplay();
  const [settings, setSettings] = useSettings(highContrast);
  const [panel, setPanel] = useState<string | null>(query ? 'search' : null);
  const [outsideLink, setOutsideLink] = useState<string | null>(null);

  /** Closes the open panel and puts focus back on the toolbar button that opened it. */
  const panelRef = useRef(panel);
  panelRef.current = panel;
  const closePanel = useCallback(() => {
    const open = panelRef.current;
    setPanel(null);
    if (open) toolbarRef.current?.querySelector<HTMLElement>(`[data-testid="epub-tool-${open}"]`)?.focus();
  }, []);

  const book = useEpubBook({
    url,
    title: publication.title,
    stage: stageRef,
    settings,
    largeText,
    onOutsideLink: setOutsideLink,
    onKey: (event) => {
      if (event.key === 'Escape' && isReaderKey(event)) closePanel();
    },
  });
  const search = useBookSearch(book, query);
  const { reading, active: listening, listen } = useEpubSpeech(book);

  if (book.status === 'failed') {
    return (
      <div className="epub-failed notice error" role="alert">
        <h1 className="notice-title">
          <WarningIcon />
          <span>{t('epub.openFailedTitle')}</span>
        </h1>
        <p>
          <strong>{publication.title}</strong>
        </p>
        <p>{t('epub.openFailed')}</p>
        <Link className="button big" to={backTo}>
          <ArrowLeftIcon />
          <span>{t('epub.backToBook')}</span>
        </Link>
      </div>
    );
  }

  const openPanel = PANELS.find((p) => p.id === panel);
  const panelProps: PanelProps = { book, search, settings, largeText, setSettings, narrow, close: closePanel, query, reading };
  const chapter = (book.position && book.chapterOf(book.position.href)) || publication.title;
  return (
    <div className={`epub-reader reader-fill epub-theme-${settings.theme}${narrow ? ' narrow' : ''}`} data-testid="epub-reader">
      <StatusBanner publication={publication} compact />
      <div ref={toolbarRef} className="epub-toolbar" role="toolbar" aria-label={t('epub.toolbar')}>
        <Link className="epub-button epub-back" to={backTo} aria-label={t('epub.backLabel')}>
          <BackIcon />
          <span>{t('epub.back')}</span>
        </Link>
        <h1 className="epub-title" title={publication.title}>
          {publication.title}
        </h1>
        {PANELS.map((p) => (
          <PanelButton key={p.id} panel={p} open={panel === p.id} onToggle={() => setPanel(panel === p.id ? null : p.id)} />
        ))}
        <button
          type="button"
          className={`epub-button epub-tool epub-listen${listening ? ' active' : ''}`}
          onClick={listening ? reading.stop : listen}
          disabled={book.status !== 'ready'}
          aria-pressed={listening}
          aria-label={t(listening ? 'epub.stopListening' : 'epub.listenLabel')}
          data-testid="epub-listen"
        >
          <SpeakerIcon />
          <span className="epub-tool-label">{t('speech.listen')}</span>
        </button>
        <TextViewLink id={publication.id} query={query} className="epub-button epub-tool epub-text-view" labelClassName="epub-tool-label" />
      </div>

      <div className="epub-body">
        <div ref={stageRef} className="epub-stage" data-testid="epub-stage" role="region" aria-label={t('epub.content')} />
        {book.status === 'opening' && (
          <div className="epub-opening" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('epub.opening')}</span>
          </div>
        )}
        {openPanel && (
          <PanelFrame panel={openPanel} onClose={closePanel}>
            <openPanel.Body {...panelProps} />
          </PanelFrame>
        )}
      </div>

      {listening ? (
        <ReadAloudBar reading={reading} place={chapter} onListen={listen} going />
      ) : (
        <>
          {reading.failed && (
            <p className="read-aloud-failed epub-speech-failed" role="alert">
              {t('speech.failed')}
            </p>
          )}
          <BottomBar book={book} />
        </>
      )}
      {outsideLink && <OutsideLinkDialog url={outsideLink} onClose={() => setOutsideLink(null)} />}
    </div>
  );
}
