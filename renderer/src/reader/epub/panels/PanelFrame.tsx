/** A panel's toolbar button (open / close) and its frame beside the page: heading and close button around the panel's body. */
import type { ReactNode } from 'react';
import { useT } from '../../../i18n.js';
import type { ReaderPanel } from './panels.js';

export function PanelButton({ panel, open, onToggle }: { panel: ReaderPanel; open: boolean; onToggle(): void }) {
  const t = useT();
  const label = t(panel.title);
  return (
    <button type="button" className={`epub-button epub-tool${open ? ' active' : ''}`} aria-pressed={open} aria-label={label} onClick={onToggle} data-testid={`epub-tool-${panel.id}`}>
      <panel.Icon />
      <span className="epub-tool-label epub-long">{label}</span>
      <span className="epub-tool-label epub-short" aria-hidden="true">
        {panel.short ? t(panel.short) : label}
      </span>
    </button>
  );
}

export function PanelFrame({ panel, onClose, children }: { panel: ReaderPanel; onClose(): void; children: ReactNode }) {
  const t = useT();
  return (
    <section className="epub-panel" aria-labelledby="epub-panel-title" data-testid={`epub-panel-${panel.id}`}>
      <div className="epub-panel-head">
        <h2 id="epub-panel-title">{t(panel.title)}</h2>
        <button type="button" className="epub-button" onClick={onClose} aria-label={t('epub.closePanel')}>
          <span aria-hidden="true">✕</span>
          <span>{t('epub.close')}</span>
        </button>
      </div>
      {children}
    </section>
  );
}
