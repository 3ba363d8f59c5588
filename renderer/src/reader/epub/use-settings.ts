/**
 * The reader's text size and colours: kept for the browser session (sessionStorage), so the
 * kiosk's next resident starts from the defaults. The station's high contrast, on when the book
 * opens or turned on while reading, brings the high-contrast theme; turned off, white pages.
 */
import { useEffect, useRef, useState } from 'react';
import { SETTINGS_KEY, parseSettings } from './settings.js';
import type { ReaderSettings } from './settings.js';

function loadSettings(): ReaderSettings {
  try {
    return parseSettings(globalThis.sessionStorage?.getItem(SETTINGS_KEY));
  } catch {
    return parseSettings(null);
  }
}

export function useSettings(highContrast: boolean): [ReaderSettings, (change: (settings: ReaderSettings) => ReaderSettings) => void] {
  const [settings, setSettings] = useState<ReaderSettings>(loadSettings);
  const contrastBefore = useRef(false);
  useEffect(() => {
    if (highContrast && !contrastBefore.current) setSettings((s) => ({ ...s, theme: 'contrast' }));
    if (!highContrast && contrastBefore.current) setSettings((s) => (s.theme === 'contrast' ? { ...s, theme: 'light' } : s));
    contrastBefore.current = highContrast;
  }, [highContrast]);
  useEffect(() => {
    try {
      globalThis.sessionStorage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
    } catch {
      // Not remembered; the choice still holds while the book is open.
    }
  }, [settings]);
  return [settings, setSettings];
}
