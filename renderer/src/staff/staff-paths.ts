/** Routes of the staff area: sign-in, first-run setup, the librarian's desk and the officials' pages. */
export const STAFF_HOME = '/staff';
export const DESK_HOME = '/desk';
export const OFFICIAL_HOME = '/official';

/** The sign-in screen (or the first-run setup), returning to `next` afterwards. */
export function signInPath(next?: string, firstRun = false): string {
  const base = firstRun ? '/staff/setup' : '/staff/sign-in';
  return next && next.startsWith('/') && !next.startsWith('//') ? `${base}?next=${encodeURIComponent(next)}` : base;
}

/** The help section, and its first-run guide shown after the first official is created. */
export const HELP_HOME = '/help';
export const FIRST_RUN_GUIDE = '/help/first-run';
