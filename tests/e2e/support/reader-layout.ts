/** Both readers' layout promise: the reader fits the window — the page itself does not scroll, the footer is left out, the toolbar's controls are in sight. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export async function expectReaderFitsWindow(page: Page, inSight: string[]): Promise<void> {
  const layout = await page.evaluate(() => ({ scrollY: window.scrollY, overflow: document.documentElement.scrollHeight - window.innerHeight, height: window.innerHeight }));
  expect(layout.scrollY, 'the page is not scrolled').toBe(0);
  expect(layout.overflow, 'the page itself does not scroll').toBeLessThanOrEqual(0);
  await expect(page.locator('.site-footer')).toBeHidden();
  for (const id of inSight) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, `${id} is shown`).not.toBeNull();
    expect(box!.y, `${id} is in sight`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `${id} is in sight`).toBeLessThanOrEqual(layout.height);
  }
}
