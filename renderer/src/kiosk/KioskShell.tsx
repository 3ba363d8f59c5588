/**
 * The app's root in both modes. Normal browsers and phones get the HashRouter (routes in the
 * address, back and forward work). Kiosk mode (`?kiosk=1`) gets a MemoryRouter — the address
 * never changes and the browser keeps no history, so "back" cannot bring up the last reader's
 * pages — an idle reset that remounts everything, and a guard that keeps links inside the app.
 */
import { Fragment, useCallback, useEffect, useState } from 'react';
import { HashRouter, MemoryRouter } from 'react-router';
import { App } from '../App.js';
import { LanguageProvider } from '../i18n.js';
import { client } from '../client.js';
import { StaffProvider } from '../staff/staff-context.js';
import { DisplayProvider } from './display.js';
import { IdleReset } from './IdleReset.js';
import { forgetReader, leavesKiosk } from './idle.js';
import type { KioskMode } from './mode.js';
import { recordPhoneSession, recordUsage } from '../usage.js';

/** In kiosk mode, a link the app did not handle itself and that would leave the app is not followed. */
function useLinkGuard(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    // Bubble phase on window: runs after React Router's own click handling (which prevents the default for its links).
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented) return;
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (anchor && leavesKiosk(anchor, window.location)) event.preventDefault();
    };
    window.addEventListener('click', onClick);
    window.addEventListener('auxclick', onClick);
    return () => {
      window.removeEventListener('click', onClick);
      window.removeEventListener('auxclick', onClick);
    };
  }, [enabled]);
}

/**
 * Counts a kiosk session when a reader starts using the kiosk (the first touch or key after the
 * app starts or after an idle reset), and a phone session once per tab on the LAN.
 */
function useSessionCount(kiosk: boolean, generation: number): void {
  useEffect(() => {
    if (!kiosk) {
      recordPhoneSession();
      return;
    }
    const start = () => {
      recordUsage('kiosk_session');
      stop();
    };
    const stop = () => {
      window.removeEventListener('pointerdown', start);
      window.removeEventListener('keydown', start);
    };
    window.addEventListener('pointerdown', start);
    window.addEventListener('keydown', start);
    return stop;
  }, [kiosk, generation]);
}

export function KioskShell({ mode }: { mode: KioskMode }) {
  const [generation, setGeneration] = useState(0);
  useLinkGuard(mode.kiosk);
  useSessionCount(mode.kiosk, generation);

  const reset = useCallback(() => {
    forgetReader();
    // Staff who walked away from a kiosk are signed out with the last reader.
    void client.call('auth.signOut', {}).catch(() => undefined);
    setGeneration((n) => n + 1);
  }, []);

  // Anything an unmounting page wrote on its way out (a reading position, say) goes too.
  useEffect(() => {
    if (generation > 0) forgetReader();
  }, [generation]);

  return (
    <Fragment key={generation}>
      <LanguageProvider>
        <DisplayProvider>
          <StaffProvider>
            {mode.kiosk ? (
              <MemoryRouter>
                <App />
                <IdleReset idleSeconds={mode.idleSeconds} onReset={reset} />
              </MemoryRouter>
            ) : (
              <HashRouter>
                <App />
              </HashRouter>
            )}
          </StaffProvider>
        </DisplayProvider>
      </LanguageProvider>
    </Fragment>
  );
}
