/** The reader's text size and colours: kept for the browser session (sessionStorage), so the kiosk's next resident starts from the defaults. */
import { useEffect, useState } from 'react';
import { SETTINGS_KEY, parseSettings } from './settings.js';
import type { ReaderSettings } from './settings.js';

function loadSettings(): ReaderSettings {
  try {
    return parseSettings(globalThis.sessionStorage?.getItem(SETTINGS_KEY));
  } catch {
    return parseSettings(null);
  }
}

export function useSettings(): [ReaderSettings, (change: (settings: ReaderSettings) => ReaderSettings) => void] {
  const [settings, setSettings] = useState<ReaderSettings>(loadSettings);
  useEffect(() => {
    try {
      globalThis.sessionStorage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
    } catch {
      // Not remembered; the choice still holds while the book is open.
    }
  }, [settings]);
  return [settings, setSettings];
}
