/**
 * The UI language (Vietnamese by default, English on request), remembered on this device.
 * `useT()` gives the translate function for the current language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isLanguage, translate } from '../../shared/messages.js';
import type { Language, MessageKey, MessageParams } from '../../shared/messages.js';
import { setRequestLanguage } from './client.js';

export type Params = MessageParams;
export type TFunction = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'bookshelf.language';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'vi';
  } catch {
    // Storage can be disabled (private mode, kiosk policy): fall back to Vietnamese.
    return 'vi';
  }
}

function storeLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered this time; the choice still holds until the page is reloaded.
  }
}

interface LanguageContextValue {
  lang: Language;
  setLang(lang: Language): void;
  t: TFunction;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  // Before the first request goes out, not after the first render.
  setRequestLanguage(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    storeLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<LanguageContextValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}

export function useT(): TFunction {
  return useLanguage().t;
}
