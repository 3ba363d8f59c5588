/**
 * Display modes one tap away: large text (the root font grows by a quarter, so every rem-sized
 * thing grows with it) and a high-contrast palette (styles.css, `:root[data-contrast='high']`).
 * They are set as attributes on <html>, remembered on this device (localStorage; a kiosk's idle
 * reset clears it, so the next reader starts with the normal display).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

const STORAGE_KEY = 'bookshelf.display';

export interface DisplayModes {
  largeText: boolean;
  highContrast: boolean;
}

const NORMAL: DisplayModes = { largeText: false, highContrast: false };

function storedModes(): DisplayModes {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return NORMAL;
    const record = value as Record<string, unknown>;
    return { largeText: record.largeText === true, highContrast: record.highContrast === true };
  } catch {
    return NORMAL;
  }
}

function storeModes(modes: DisplayModes): void {
  try {
    if (!modes.largeText && !modes.highContrast) globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(modes));
  } catch {
    // Not remembered; the choice still holds until the page is reloaded.
  }
}

interface DisplayContextValue extends DisplayModes {
  toggleLargeText(): void;
  toggleHighContrast(): void;
}

const DisplayContext = createContext<DisplayContextValue | null>(null);

export function DisplayProvider({ children }: { children: ReactNode }) {
  const [modes, setModes] = useState<DisplayModes>(storedModes);

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

  const update = useCallback((change: (current: DisplayModes) => DisplayModes) => {
    setModes((current) => {
      const next = change(current);
      storeModes(next);
      return next;
    });
  }, []);

  const value = useMemo<DisplayContextValue>(
    () => ({
      ...modes,
      toggleLargeText: () => update((m) => ({ ...m, largeText: !m.largeText })),
      toggleHighContrast: () => update((m) => ({ ...m, highContrast: !m.highContrast })),
    }),
    [modes, update],
  );
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

export function useDisplay(): DisplayContextValue {
  const value = useContext(DisplayContext);
  if (!value) throw new Error('useDisplay outside DisplayProvider');
  return value;
}
