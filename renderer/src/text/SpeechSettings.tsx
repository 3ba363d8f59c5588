/**
 * "Giọng đọc": which voice reads aloud and how fast. It says which voice is in use — the device's
 * own Vietnamese voice where there is one, else the app's own (eSpeak NG), and why — and lets the
 * reader choose another or a speed.
 */
import { useId } from 'react';
import { useLanguage } from '../i18n.js';
import { VoiceIcon } from './icons.js';
import { speedLabel } from './ReadAloudBar.js';
import { AUTO, SPEEDS } from './speech/settings.js';
import type { Speed, VoiceOption } from './speech/settings.js';
import type { ReadAloud } from './speech/use-read-aloud.js';
import './read-aloud.css';

const SPEED_WORDS = {
  0.75: 'speech.speedSlow',
  1: 'speech.speedNormal',
  1.25: 'speech.speedFast',
  1.5: 'speech.speedFaster',
} as const satisfies Record<Speed, string>;

/** "Giọng đọc" as a button that opens the choices above it (the read-aloud bar). */
export function SpeechSettings({ reading }: { reading: ReadAloud }) {
  const { t } = useLanguage();
  return (
    <details className="speech-settings" data-testid="speech-settings">
      <summary className="button">
        <VoiceIcon />
        <span>{t('speech.settings')}</span>
      </summary>
      <div className="speech-settings-panel">
        <VoiceChoices reading={reading} />
      </div>
    </details>
  );
}

/** The voice in use and why, and the choice of voice and speed (in a panel of settings, or opened from the bar). */
export function VoiceChoices({ reading }: { reading: ReadAloud }) {
  const { lang, t } = useLanguage();
  const id = useId();
  const { options, using, settings } = reading;
  const voiceName = (option: VoiceOption) => (option.kind === 'system' ? t('speech.voiceSystem', { name: option.name }) : t('speech.voiceOffline'));
  return (
    <div className="voice-choices">
      <p className="speech-using" data-testid="voice-in-use">
        {t('speech.using', { voice: voiceName(using) })}
      </p>
      {!options.some((o) => o.kind === 'system') && <p className="speech-note">{t('speech.noSystemVoice')}</p>}
      <fieldset>
        <legend>{t('speech.voiceLabel')}</legend>
        {[{ id: AUTO, label: t('speech.voiceAuto') }, ...options.map((o) => ({ id: o.id, label: voiceName(o) }))].map((choice) => (
          <label key={choice.id} className="speech-choice">
            <input type="radio" name={`${id}-voice`} checked={settings.voice === choice.id || (choice.id === AUTO && !options.some((o) => o.id === settings.voice))} onChange={() => reading.chooseVoice(choice.id)} />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('speech.speedChoice')}</legend>
        {SPEEDS.map((speed) => (
          <label key={speed} className="speech-choice">
            <input type="radio" name={`${id}-speed`} checked={settings.speed === speed} onChange={() => reading.setSpeed(speed)} />
            <span>
              {t(SPEED_WORDS[speed])} ({speedLabel(lang, speed)})
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
