/**
 * One history entry per place: a second push of the address already shown — a double click on
 * "Đọc" or "Tìm" navigates twice — replaces it instead, so "back" leaves the page at once.
 * Installed on the browser's history (the HashRouter's); the kiosk's MemoryRouter keeps none.
 */

/** Whether `url` (as given to pushState, relative or absolute) is the address `current` already shows. */
export function isCurrentAddress(url: string | URL, current: string): boolean {
  try {
    return new URL(url, current).href === current;
  } catch {
    return false;
  }
}

/** What the guard needs of the browser's history (window.history). */
export interface HistoryLike {
  pushState(data: unknown, unused: string, url?: string | URL | null): void;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/** Makes `history` replace, not push, the address `location` already shows. */
export function installHistoryGuard(history: HistoryLike, location: { readonly href: string }): void {
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  history.pushState = (data: unknown, unused: string, url?: string | URL | null) => {
    if (url !== undefined && url !== null && isCurrentAddress(url, location.href)) replace(data, unused, url);
    else push(data, unused, url);
  };
}
