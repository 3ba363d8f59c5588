/**
 * Every browser test fails on a console error, an uncaught exception or a CSP violation on its
 * page: `watchPageProblems(test)` once per spec file; `problemsOf(page)` lets a test forgive an
 * error it provoked on purpose.
 */
import { expect } from '@playwright/test';
import type { Page, test as baseTest } from '@playwright/test';

const problems = new WeakMap<Page, string[]>();

export function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

export function watchPageProblems(test: typeof baseTest): void {
  test.beforeEach(async ({ page }) => {
    const found: string[] = [];
    problems.set(page, found);
    page.on('console', (message) => {
      if (message.type() === 'error') found.push(message.text());
    });
    page.on('pageerror', (error) => found.push(error.message));
    // A CSP violation is also reported as an event (the console line can be missed in workers).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
  });
  test.afterEach(async ({ page }) => {
    expect(problemsOf(page), 'console errors or CSP violations').toEqual([]);
  });
}
