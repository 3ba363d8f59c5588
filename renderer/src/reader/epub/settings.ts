/**
 * Reader settings (font size steps, colour themes) and the epub.js rendition options. Pure:
 * no DOM, so the unit tests can check them. Settings last only for the browser session
 * (sessionStorage): the kiosk's next resident starts from the defaults. The station's display
 * modes reach the book too: large text makes every step a quarter larger (as it does the app's
 * own text), high contrast has its own theme (black on white, as the app's).
 */

/** Font sizes offered, in percent of the book's own size; the default is one step up. */
export const FONT_STEPS = [90, 100, 115, 130, 150, 175, 200] as const;
export const DEFAULT_FONT_STEP = 2;

/** Large text ("Chữ to"): a quarter larger, as the app's root font. */
export const LARGE_TEXT_SCALE = 1.25;

export const THEMES = ['light', 'sepia', 'dark', 'contrast'] as const;
export type ThemeName = (typeof THEMES)[number];

/**
 * Colours of each theme: text, background, links, and while reading aloud the sentence's
 * background and the word's background and text (every pair passes WCAG AA).
 */
export const THEME_COLOURS: Record<ThemeName, { ink: string; paper: string; link: string; spoken: string; word: string; wordInk: string }> = {
  light: { ink: '#1c1b19', paper: '#ffffff', link: '#8a171b', spoken: '#fbefc4', word: '#f4c542', wordInk: '#1c1b19' },
  sepia: { ink: '#3b2a1a', paper: '#f4ecd8', link: '#7a2e0e', spoken: '#ecd9a4', word: '#e0ad2c', wordInk: '#1c1b19' },
  dark: { ink: '#e8e4dc', paper: '#1b1b1d', link: '#f4c542', spoken: '#3a3321', word: '#f4c542', wordInk: '#1b1b1d' },
  contrast: { ink: '#000000', paper: '#ffffff', link: '#00007a', spoken: '#ffff80', word: '#000000', wordInk: '#ffffff' },
};

export interface ReaderSettings {
  fontStep: number;
  theme: ThemeName;
}

export const DEFAULT_SETTINGS: ReaderSettings = { fontStep: DEFAULT_FONT_STEP, theme: 'light' };

export function clampFontStep(step: number): number {
  if (!Number.isFinite(step)) return DEFAULT_FONT_STEP;
  return Math.min(FONT_STEPS.length - 1, Math.max(0, Math.round(step)));
}

/** The book's text size for a step, in percent of its own; a quarter more with large text. */
export function fontSize(step: number, largeText = false): number {
  return Math.round(FONT_STEPS[clampFontStep(step)] * (largeText ? LARGE_TEXT_SCALE : 1));
}

export function fontPercent(step: number, largeText = false): string {
  return `${fontSize(step, largeText)}%`;
}

export function isTheme(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** Settings from their stored form; anything unreadable gives the defaults. */
export function parseSettings(stored: string | null | undefined): ReaderSettings {
  if (!stored) return { ...DEFAULT_SETTINGS };
  try {
    const value = JSON.parse(stored) as Partial<ReaderSettings> | null;
    return {
      fontStep: typeof value?.fontStep === 'number' ? clampFontStep(value.fontStep) : DEFAULT_FONT_STEP,
      theme: isTheme(value?.theme) ? value.theme : DEFAULT_SETTINGS.theme,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export const SETTINGS_KEY = 'bookshelf.epub.settings';

/**
 * epub.js rendition options. `allowScriptedContent` is never set: the content iframe keeps
 * epub.js's `sandbox="allow-same-origin"`, so a book's scripts never run (tests check both).
 */
export function renditionOptions() {
  return {
    width: '100%',
    height: '100%',
    flow: 'paginated',
    spread: 'none',
    manager: 'default',
    // Pages on both kiosk and phone (buttons, keys, swipes), one column: large type in two
    // columns leaves too few words per line.
    allowScriptedContent: false,
  } as const;
}

/** The CSS epub.js injects into each page for a theme (book colours overridden for contrast). */
export function themeRules(theme: ThemeName): Record<string, Record<string, string>> {
  const { ink, paper, link, spoken, word, wordInk } = THEME_COLOURS[theme];
  return {
    // Horizontal swipes turn pages (the reader listens); the browser must not pan sideways or
    // take them for "back".
    'html, body': { color: `${ink} !important`, background: `${paper} !important`, 'touch-action': 'pan-y pinch-zoom', 'overscroll-behavior': 'none' },
    'body *': { color: 'inherit !important', 'background-color': 'transparent !important', 'border-color': `${ink} !important` },
    'a, a *': { color: `${link} !important`, ...(theme === 'contrast' ? { 'text-decoration-thickness': '2px !important' } : {}) },
    body: { 'line-height': '1.6 !important', 'font-family': "'Noto Serif', 'Noto Sans', 'Segoe UI', Roboto, Arial, serif !important" },
    'img, svg': { 'max-width': '100% !important' },
    // Reading aloud (./chapter-speech.ts): the sentence underlined on a soft background, the word boxed.
    '::highlight(epub-spoken)': { 'background-color': spoken, 'text-decoration': `underline 2px ${ink}` },
    '::highlight(epub-word)': { 'background-color': word, color: wordInk },
  };
}
