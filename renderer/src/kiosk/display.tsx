/**
 * Display modes one tap away: large text (the root font grows by a quarter, so every rem-sized
 * thing grows with it) and a high-contrast palette (styles.css, `:root[data-contrast='high']`).
 * They are set as attributes on <html>, remembered on this device (localStorage; a kiosk's idle
 * reset clears it, so the next reader starts with the station's display again).
 * Until a reader chooses, the station's defaults apply (library.info → display, set by its
 * officials): large text, and the language a new reader starts in. The same answer tells the
 * screens whether printing is allowed and where phones reach the station on the LAN.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';

const STORAGE_KEY = 'bookshelf.display';
const LANGUAGE_KEY = 'bookshelf.language';

export interface DisplayModes {
  largeText: boolean;
  highContrast: boolean;
}

const NORMAL: DisplayModes = { largeText: false, highContrast: false };

/** The reader's own choice on this device, or null when she has made none. */
function storedModes(): DisplayModes | null {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    return { largeText: record.largeText === true, highContrast: record.highContrast === true };
  } catch {
    return null;
  }
}

function languageChosen(): boolean {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_KEY) !== null;
  } catch {
    return false;
  }
}

function storeModes(modes: DisplayModes): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(modes));
  } catch {
    // Not remembered; the choice still holds until the page is reloaded.
  }
}

interface DisplayContextValue extends DisplayModes {
  /** Readers may print at this station (false until the station has said). */
  printingAllowed: boolean;
  /** The station's address for phones on the LAN, null when it does not serve the LAN. */
  lanUrl: string | null;
  toggleLargeText(): void;
  toggleHighContrast(): void;
}

const DisplayContext = createContext<DisplayContextValue | null>(null);

export function DisplayProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<DisplayModes | null>(storedModes);
  const info = useCall('library.info', {});
  const station = info.status === 'ok' ? info.data.display : null;
  const printingAllowed = station?.printingAllowed === true;
  const lanUrl = info.status === 'ok' ? info.data.lanUrl : null;
  const modes = useMemo<DisplayModes>(() => choice ?? { ...NORMAL, largeText: station?.largeText === true }, [choice, station?.largeText]);

  // A new reader who has not picked a language starts in the station's.
  const { lang, setLang } = useLanguage();
  const startLanguage = station?.language;
  useEffect(() => {
    if (startLanguage && startLanguage !== lang && !languageChosen()) setLang(startLanguage);
  }, [startLanguage, lang, setLang]);

  useEffect(() => {
    const root = document.documentElement;
    if (modes.largeText) root.dataset.text = 'large';
    else delete root.dataset.text;
    if (modes.highContrast) root.dataset.contrast = 'high';
    else delete root.dataset.contrast;
    return () => {
      delete root.dataset.text;
      delete root.dataset.contrast;
    };
  }, [modes]);

  const update = useCallback(
    (change: (current: DisplayModes) => DisplayModes) => {
      const next = change(modes);
      storeModes(next);
      setChoice(next);
    },
    [modes],
  );

  const value = useMemo<DisplayContextValue>(
    () => ({
      ...modes,
      printingAllowed,
      lanUrl,
      toggleLargeText: () => update((m) => ({ ...m, largeText: !m.largeText })),
      toggleHighContrast: () => update((m) => ({ ...m, highContrast: !m.highContrast })),
    }),
    [modes, printingAllowed, lanUrl, update],
  );
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

/** Whether this page is a phone reading over the commune LAN (it was loaded from the station's LAN address). */
export function readingOverLan(lanUrl: string | null): boolean {
  return lanUrl !== null && window.location.origin === new URL(lanUrl).origin;
}

export function useDisplay(): DisplayContextValue {
  const value = useContext(DisplayContext);
  if (!value) throw new Error('useDisplay outside DisplayProvider');
  return value;
}
