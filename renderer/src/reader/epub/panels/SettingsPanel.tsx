/**
 * Text size (as shown: a quarter larger with the station's large text) and page colours (white,
 * sepia, dark, high contrast), for this session only; and the voice that reads aloud, and its speed.
 */
import { useT } from '../../../i18n.js';
import { VoiceChoices } from '../../../text/SpeechSettings.js';
import { FONT_STEPS, THEMES, clampFontStep, fontPercent, fontSize } from '../settings.js';
import type { PanelProps } from './panels.js';

export function SettingsPanel({ settings, setSettings, largeText, reading }: PanelProps) {
  const t = useT();
  const step = (by: number) => setSettings((s) => ({ ...s, fontStep: clampFontStep(s.fontStep + by) }));
  return (
    <div className="epub-settings">
      <h3>{t('epub.fontSize')}</h3>
      <div className="epub-font-row">
        <button type="button" className="epub-button epub-font" onClick={() => step(-1)} disabled={settings.fontStep <= 0} aria-label={t('epub.fontSmaller')} data-testid="epub-font-smaller">
          <span aria-hidden="true" className="epub-font-small">A−</span>
        </button>
        <output className="epub-font-value" aria-live="polite" aria-label={t('epub.fontValue', { size: fontPercent(settings.fontStep, largeText) })}>
          {fontSize(settings.fontStep, largeText)}%
        </output>
        <button type="button" className="epub-button epub-font" onClick={() => step(1)} disabled={settings.fontStep >= FONT_STEPS.length - 1} aria-label={t('epub.fontLarger')} data-testid="epub-font-larger">
          <span aria-hidden="true" className="epub-font-large">A+</span>
        </button>
      </div>
      <h3>{t('epub.theme')}</h3>
      <div className="epub-theme-row" role="radiogroup" aria-label={t('epub.theme')}>
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="button"
            role="radio"
            aria-checked={settings.theme === theme}
            className={`epub-button epub-theme-choice epub-swatch-${theme}`}
            onClick={() => setSettings((s) => ({ ...s, theme }))}
            data-testid={`epub-theme-${theme}`}
          >
            {t(`epub.theme.${theme}`)}
          </button>
        ))}
      </div>
      <h3>{t('speech.settings')}</h3>
      <VoiceChoices reading={reading} />
    </div>
  );
}
