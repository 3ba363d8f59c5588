// One history entry per place: pushing the address already shown replaces it (a double click on "Đọc" or "Tìm").
import { describe, expect, it } from 'vitest';
import { installHistoryGuard, isCurrentAddress } from '../../renderer/src/history-guard.js';
import type { HistoryLike } from '../../renderer/src/history-guard.js';

/** A browser history reduced to its entries and the address shown. */
function fakeBrowser(start: string) {
  const entries = [start];
  let at = 0;
  const location = {
    get href() {
      return entries[at];
    },
  };
  const history: HistoryLike = {
    pushState(_data: unknown, _unused: string, url?: string | URL | null) {
      entries.splice(at + 1, entries.length, new URL(String(url), entries[at]).href);
      at += 1;
    },
    replaceState(_data: unknown, _unused: string, url?: string | URL | null) {
      entries[at] = new URL(String(url), entries[at]).href;
    },
  };
  return { history, location, entries };
}

describe('history guard', () => {
  it('knows a relative hash address for the one shown', () => {
    const here = 'http://127.0.0.1:4790/#/read/luat?page=5';
    expect(isCurrentAddress('#/read/luat?page=5', here)).toBe(true);
    expect(isCurrentAddress(new URL(here), here)).toBe(true);
    expect(isCurrentAddress('#/read/luat?page=6', here)).toBe(false);
    expect(isCurrentAddress('#/publications/luat', here)).toBe(false);
  });

  it('replaces instead of pushing the same address twice, and pushes a new one', () => {
    const browser = fakeBrowser('http://127.0.0.1:4790/#/publications/luat');
    installHistoryGuard(browser.history, browser.location);
    browser.history.pushState({ idx: 1 }, '', '#/read/luat');
    browser.history.pushState({ idx: 2 }, '', '#/read/luat');
    expect(browser.entries).toEqual(['http://127.0.0.1:4790/#/publications/luat', 'http://127.0.0.1:4790/#/read/luat']);
    browser.history.pushState({ idx: 2 }, '', '#/search?q=lao');
    expect(browser.entries).toHaveLength(3);
  });
});
