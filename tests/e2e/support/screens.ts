/**
 * Screenshots for people to look at: the kiosk (1366×768) and a phone (390×844). Each lands in
 * <outputDir>/screens/<screen>-<size>.png and is attached to the report; on the phone, nothing
 * may scroll sideways.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

export const SIZES = {
  kiosk: { viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;
export type ScreenSize = keyof typeof SIZES;

export async function shoot(page: Page, screen: string, size: ScreenSize): Promise<void> {
  // Fonts and late layout settle; the caret would make screenshots differ run to run.
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(test.info().project.outputDir, 'screens', `${screen}-${size}.png`);
  await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
  await test.info().attach(`${screen}-${size}`, { path: file, contentType: 'image/png' });
  if (size === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${screen}: no sideways scrolling on a phone`).toBeLessThanOrEqual(0);
  }
}
