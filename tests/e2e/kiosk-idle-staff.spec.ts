/**
 * Two kiosk promises of docs/ (issue 19): staff signed in at the kiosk are signed out by its idle
 * reset (docs/accounts.md § Sessions), and the QR code carrying a document to a phone shows on the
 * kiosk while the station serves the LAN, not to a page loaded from that LAN address
 * (docs/officials.md, renderer/src/components/LanQr.tsx). The station here listens on 127.0.0.1;
 * "serving the LAN" is its `lanUrl` set to http://localhost:<port>, a name it also answers to, so
 * a page loaded from there is, to the renderer, a phone reading over the LAN.
 */
import { expect, test } from './support/station.js';
import { openByNumber } from './support/open-by-number.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { E2E_STAFF, signIn } from './support/staff.js';
import { qrDataUrl } from '../../renderer/src/qr.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const DECREE = 'nghi-dinh-so-158-2025-nd-cp-45240';
const DECREE_NUMBER = '158/2025/NĐ-CP';

/** Who the station says the page's browser context is signed in as (null: nobody). */
async function signedInAs(page: Page): Promise<string | null> {
  const response = await page.request.post('/api/auth.state', { data: {} });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { result: { user: { username: string } | null } };
  return body.result.user?.username ?? null;
}

test('the kiosk’s idle reset signs out staff who walked away from it', async ({ page }) => {
  await signIn(page, 'official');
  expect(await signedInAs(page)).toBe(E2E_STAFF.official.username);
  await page.goto('/?kiosk=1&idle=5');
  await expect(page.getByTestId('search-input').first()).toBeVisible();
  // Still signed in while the kiosk is in use.
  expect(await signedInAs(page)).toBe(E2E_STAFF.official.username);

  const overlay = page.getByTestId('idle-overlay');
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(overlay).toBeHidden({ timeout: 15_000 });
  await expect.poll(() => signedInAs(page)).toBeNull();
});

test('the QR code shows on the kiosk while the station serves the LAN, not to a phone reading over the LAN', async ({ page, station }, testInfo) => {
  const { library } = station.running;
  const port = new URL(station.url).port;
  const lanUrl = `http://localhost:${port}`;

  // Not serving the LAN: no QR code.
  await page.goto(`/#/publications/${DECREE}`);
  await expect(page.getByTestId('publication-title')).toBeVisible();
  await expect(page.getByTestId('lan-qr')).toHaveCount(0);

  const before = library.lanUrl;
  library.lanUrl = lanUrl;
  try {
    // The kiosk (loaded from 127.0.0.1, in kiosk mode): the QR code, with the document's LAN address.
    await page.goto('/?kiosk=1');
    await openByNumber(page, DECREE_NUMBER);
    const qr = page.getByTestId('lan-qr');
    await expect(qr).toBeVisible();
    await expect(page.getByTestId('lan-qr-url')).toHaveText(`${lanUrl}/#/publications/${DECREE}`);
    // The image is the code of that address, and it loaded.
    await expect(qr.getByRole('img')).toHaveAttribute('src', await qrDataUrl(`${lanUrl}/#/publications/${DECREE}`));
    await expect(qr.getByRole('img')).toHaveJSProperty('complete', true);
    expect(await qr.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await qr.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('lan-qr.png') });

    // A phone on the LAN (the page loaded from the LAN address): the same page, no QR code.
    await page.goto(`${lanUrl}/#/publications/${DECREE}`);
    await expect(page.getByTestId('publication-title')).toBeVisible();
    // The print link comes with the same answer of the station (library.info) that names the LAN address.
    await expect(page.getByRole('link', { name: 'In', exact: true })).toBeVisible();
    // The page has what it needs to decide: the station's answer naming the LAN address.
    const info = (await (await page.request.post(`${lanUrl}/api/library.info`, { data: {} })).json()) as { result: { lanUrl: string | null } };
    expect(info.result.lanUrl).toBe(lanUrl);
    // The code would be drawn within a frame or two of that answer (qrcode is bundled, no fetch): let them pass.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByTestId('lan-qr')).toHaveCount(0);
  } finally {
    library.lanUrl = before;
  }
});
