/**
 * Dates as people here write them, day first: "5/7/2025", "05-07-2025", "05.07.2025",
 * "05 07 2025" or "05072025" (a phone's number pad has no slash) are 5 July 2025; a pasted ISO
 * "2025-07-05" too. The engine takes ISO dates (YYYY-MM-DD).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function iso(year: number, month: number, day: number): string | null {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real calendar date in ISO form. */
export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  return match !== null && iso(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

/** The ISO date a person typed (day, month, then a four-digit year), or null when it is not a real date. */
export function parseDayMonthYear(text: string): string | null {
  const typed = text.trim();
  if (isIsoDate(typed)) return typed;
  const match = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(typed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(typed);
  if (!match) return null;
  const year = Number(match[3]);
  return year < 1000 ? null : iso(year, Number(match[2]), Number(match[1]));
}
