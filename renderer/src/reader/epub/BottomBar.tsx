/**
 * The bar below the page: previous and next page (once per tap: a double tap turns one page), and the position in the book — a slider once
 * positions are worked out (the book moves when the finger stops, not on every step of the drag)
 * and the page within the chapter.
 */
import { useEffect, useState } from 'react';
import { useT } from '../../i18n.js';
import { NextIcon, PrevIcon } from '../shared/icons.js';
import { useSteady } from '../shared/steady.js';
import type { OpenBook } from './use-epub-book.js';

const SLIDER_SETTLE_MS = 350;

export function BottomBar({ book }: { book: OpenBook }) {
  const t = useT();
  const { position, status, displayPercent } = book;
  const [slider, setSlider] = useState<number | null>(null);
  const next = useSteady(book.next);
  const prev = useSteady(book.prev);
  useEffect(() => {
    if (slider === null) return;
    const timer = setTimeout(() => {
      displayPercent(slider);
      setSlider(null);
    }, SLIDER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [slider, displayPercent]);
  const percent = slider ?? position?.percent ?? 0;

  return (
    <div className="epub-bottom">
      <button type="button" className="epub-button epub-turn" onClick={prev} disabled={status !== 'ready' || position?.atStart} aria-label={t('epub.prev')} data-testid="epub-prev">
        <PrevIcon />
        <span className="epub-turn-label">{t('epub.prev')}</span>
      </button>
      <div className="epub-progress">
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={percent}
          disabled={!book.locationsReady}
          onChange={(event) => setSlider(Number(event.target.value))}
          aria-label={t('epub.progress')}
          aria-valuetext={t('epub.progressValue', { percent })}
          data-testid="epub-slider"
        />
        <p className="epub-progress-text" aria-live="polite" data-testid="epub-progress">
          <span>{position?.percent !== null && position?.percent !== undefined ? t('epub.progressValue', { percent }) : t('epub.progressPending')}</span>
          {position && position.total > 0 && <span className="epub-page-in-chapter">{t('epub.pageInChapter', { page: position.page, total: position.total })}</span>}
        </p>
      </div>
      <button type="button" className="epub-button epub-turn" onClick={next} disabled={status !== 'ready' || position?.atEnd} aria-label={t('epub.next')} data-testid="epub-next">
        <span className="epub-turn-label">{t('epub.next')}</span>
        <NextIcon />
      </button>
    </div>
  );
}
