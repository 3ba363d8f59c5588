/**
 * Display formats: dates as Vietnamese write them (dd/mm/yyyy) in both languages, sizes and
 * counts with the UI language's separators (Vietnamese: 1.234 and 1,5 MB).
 */
import type { Language } from '../../shared/messages.js';

const LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** An ISO date (YYYY-MM-DD, or a timestamp starting with one) as dd/mm/yyyy. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** An ISO time as this PC's local dd/mm/yyyy hh:mm. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** An ISO date for a <time dateTime> attribute, or undefined when it is not one. */
export function machineDate(iso: string | null | undefined): string | undefined {
  const match = iso ? /^\d{4}-\d{2}-\d{2}/.exec(iso) : null;
  return match ? match[0] : undefined;
}

export function formatCount(lang: Language, count: number): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(count);
}

/** Bytes as B, KB, MB or GB (powers of 1024), one decimal below 10 of a unit. */
export function formatSize(lang: Language, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

/** A language code ("vi") as its name in the UI language ("Tiếng Việt", "Vietnamese"). */
export function languageName(lang: Language, code: string): string {
  try {
    const name = new Intl.DisplayNames([LOCALE[lang]], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(LOCALE[lang]) + name.slice(1) : code;
  } catch {
    return code;
  }
}

/** A short name for a file's media type: PDF, EPUB, or the subtype. */
export function mediaTypeName(mediaType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/epub+zip': 'EPUB',
    'image/jpeg': 'JPEG',
    'image/png': 'PNG',
    'image/webp': 'WebP',
  };
  const base = mediaType.split(';')[0].trim().toLowerCase();
  return known[base] ?? (base.split('/')[1] ?? base).toUpperCase();
}
