/**
 * The app's languages, Vietnamese first: kept apart from the message tables (shared/messages.ts
 * re-exports them) so that code needing only the list — the desktop app's preload — does not
 * carry every message of the app with it.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
