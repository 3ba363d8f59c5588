/**
 * Kiosk idle reset: after the station's idle delay (library.info → kiosk.idleSeconds, or
 * `&idle=N` in tests) without input, the screen goes back home and forgets the last reader.
 * During the last few seconds a countdown says so; any touch, key or movement cancels it.
 */
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_KIOSK_IDLE_SECONDS } from '../../../shared/domain.js';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';
import { watchInput } from './idle.js';
import { countdownSeconds } from './mode.js';

const TICK_MS = 250;

function useIdleSeconds(override: number | undefined): number {
  // One call per mount; a station's setting changes rarely, and each reset remounts.
  const info = useCall('library.info', {});
  if (override !== undefined) return override;
  return info.status === 'ok' ? info.data.kiosk.idleSeconds : DEFAULT_KIOSK_IDLE_SECONDS;
}

export function IdleReset({ idleSeconds: override, onReset }: { idleSeconds?: number; onReset(): void }) {
  const t = useT();
  const idleSeconds = useIdleSeconds(override);
  const [remaining, setRemaining] = useState<number | null>(null);
  const lastInput = useRef(performance.now());
  const continueButton = useRef<HTMLButtonElement>(null);
  const focusBefore = useRef<Element | null>(null);

  useEffect(() => {
    const idleMs = idleSeconds * 1000;
    const warnMs = idleMs - countdownSeconds(idleSeconds) * 1000;
    const stop = watchInput(() => {
      lastInput.current = performance.now();
    });
    const timer = window.setInterval(() => {
      const idle = performance.now() - lastInput.current;
      if (idle >= idleMs) {
        lastInput.current = performance.now();
        onReset();
      }
      else if (idle >= warnMs) setRemaining(Math.ceil((idleMs - idle) / 1000));
      else setRemaining(null);
    }, TICK_MS);
    return () => {
      stop();
      window.clearInterval(timer);
    };
  }, [idleSeconds, onReset]);

  const showing = remaining !== null;
  useEffect(() => {
    if (!showing) return;
    focusBefore.current = document.activeElement;
    continueButton.current?.focus();
    return () => {
      const before = focusBefore.current;
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
    };
  }, [showing]);

  if (!showing) return null;
  const cancel = () => {
    lastInput.current = performance.now();
    setRemaining(null);
  };
  return (
    <div className="idle-overlay" data-testid="idle-overlay" onClick={cancel}>
      <div className="idle-panel" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title">{t('kiosk.idleTitle')}</h2>
        <p id="idle-body">{t('kiosk.idleBody', { seconds: remaining })}</p>
        <p className="idle-count" aria-hidden="true" data-testid="idle-count">
          {remaining}
        </p>
        <button ref={continueButton} type="button" className="button primary big" data-testid="idle-continue" onClick={cancel}>
          {t('kiosk.idleContinue')}
        </button>
      </div>
    </div>
  );
}
