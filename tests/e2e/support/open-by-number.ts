/**
 * Opening a document's page from the search box by its number, as a resident does at the kiosk:
 * a number may lead straight to the page, or to a hit to press.
 */
import type { Page } from '@playwright/test';
import { expect } from './station.js';

export async function openByNumber(page: Page, number: string): Promise<void> {
  const input = page.getByTestId('search-input').first();
  await input.fill(number);
  await input.press('Enter');
  const title = page.getByTestId('publication-title');
  await expect(page.getByTestId('hit-link').or(title).first()).toBeVisible();
  if (!(await title.isVisible())) await page.getByTestId('hit-link').first().click();
  await expect(title).toBeVisible();
}
