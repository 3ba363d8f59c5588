/**
 * Reading aloud, held at the foot of the screen so it is at hand wherever the reader is in the
 * text: "Nghe" (from the place on screen) and the choice of voice; while reading, what is being
 * read, pause or resume, the previous or next paragraph, the speed (each press the next of four)
 * and stop — large enough for a finger, each with its word under its icon.
 */
import { useLanguage } from '../i18n.js';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon, SpeakerIcon, SpeedIcon, StopIcon } from './icons.js';
import { SpeechSettings } from './SpeechSettings.js';
import { nextSpeed } from './speech/settings.js';
import type { ReadAloud } from './speech/use-read-aloud.js';
import './read-aloud.css';

/** A speed as said in the reader's language ("1,25×"). */
export function speedLabel(lang: string, speed: number): string {
  return `${new Intl.NumberFormat(lang).format(speed)}×`;
}

/** `going`: reading goes on elsewhere (the EPUB reader's next chapter): shown as starting, not idle. */
export function ReadAloudBar({ reading, place, onListen, going = false }: { reading: ReadAloud; place: string; onListen(): void; going?: boolean }) {
  const { lang, t } = useLanguage();
  const { settings } = reading;
  const status = going && reading.status === 'idle' ? 'starting' : reading.status;
  const speed = speedLabel(lang, settings.speed);
  const paused = status === 'paused';
  if (status === 'idle') {
    return (
      <section className="read-aloud-bar idle" aria-label={t('speech.controls')} data-testid="read-aloud-bar" data-status={status}>
        {reading.failed && (
          <p className="read-aloud-failed" role="alert">
            {t('speech.failed')}
          </p>
        )}
        <div className="read-aloud-buttons">
          <button type="button" className="button primary big read-aloud-listen" onClick={onListen} data-testid="listen">
            <SpeakerIcon />
            <span>{t('speech.listen')}</span>
          </button>
          <SpeechSettings reading={reading} />
        </div>
      </section>
    );
  }
  return (
    <section className="read-aloud-bar" aria-label={t('speech.controls')} data-testid="read-aloud-bar" data-status={status}>
      <p className="read-aloud-status" role="status">
        {status === 'starting' ? t('speech.starting') : t(paused ? 'speech.paused' : 'speech.reading', { place })}
      </p>
      <div className="read-aloud-buttons">
        <button type="button" className="read-aloud-button" onClick={reading.previous} data-testid="speech-previous">
          <PreviousIcon />
          <span>{t('speech.previous')}</span>
        </button>
        <button type="button" className="read-aloud-button main" onClick={paused ? reading.resume : reading.pause} data-testid="speech-pause">
          {paused ? <PlayIcon /> : <PauseIcon />}
          <span>{t(paused ? 'speech.resume' : 'speech.pause')}</span>
        </button>
        <button type="button" className="read-aloud-button" onClick={reading.next} data-testid="speech-next">
          <NextIcon />
          <span>{t('speech.next')}</span>
        </button>
        <button type="button" className="read-aloud-button" onClick={() => reading.setSpeed(nextSpeed(settings.speed))} aria-label={t('speech.speedLabel', { speed })} data-testid="speech-speed">
          <SpeedIcon />
          <span aria-hidden="true">{t('speech.speed', { speed })}</span>
        </button>
        <button type="button" className="read-aloud-button" onClick={reading.stop} data-testid="speech-stop">
          <StopIcon />
          <span>{t('speech.stop')}</span>
        </button>
      </div>
    </section>
  );
}
