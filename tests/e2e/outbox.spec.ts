/**
 * The librarians' outbox screen end to end: a librarian imports a PDF at the desk (through the
 * API, as the desk screen would) and saves it, opens /outbox, finds it in the list of documents
 * not sent yet by typing words of its title without accents (no id to type), adds it, sees it
 * waiting with its progress bar (the e2e station has no hub) and gone from the list, and removes
 * it, which brings it back; a document synced from the hub is not offered at all; buttons are
 * large enough to touch; a visitor who is not signed in is sent to sign in. Screenshots at
 * kiosk and phone size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/station.js';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { watchPageProblems } from './support/page-problems.js';
import { SIZES, shoot } from './support/screens.js';
import { signIn } from './support/staff.js';
import { api } from './support/api.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
watchPageProblems(test);
const temp = tempDirs(test);

/** A demo law's title: on the e2e station as the hub's feed would bring it (origin national). */
const DEMO_LAW_TITLE = 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng';
const TITLE = 'Công văn gửi trạm chủ thử nghiệm';
const DEMO_PDF = path.resolve(import.meta.dirname, '../../catalog/demo/quyet-dinh-so-28-2021-qd-ttg-34546.pdf');

/** A local document, as the desk makes one: a PDF imported and saved (bytes made unique). */
async function localDocument(page: Page): Promise<string> {
  const file = path.join(temp('outbox-e2e-'), 'cong-van.pdf');
  fs.writeFileSync(file, Buffer.concat([fs.readFileSync(DEMO_PDF), Buffer.from(`\n% ${Date.now()}\n`)]));
  const batch = await api<{ id: string }>(page, 'desk.importFile', { path: file });
  const saved = await api<{ publicationId: string }>(page, 'desk.save', {
    batchId: batch.id,
    description: { kind: 'guide', title: TITLE, language: 'vi' },
    allowDuplicate: true,
  });
  return saved.publicationId;
}

test.describe('the outbox screen', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a librarian finds a saved document in the list, adds it, sees it waiting with its progress, and removes it', async ({ page }) => {
    await signIn(page, 'librarian');
    await localDocument(page);
    await page.goto('/#/outbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Gửi tài liệu lên trạm chủ' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: /mã/i })).toHaveCount(0);
    const candidates = page.getByRole('list', { name: 'Tài liệu có thể gửi' });
    // Other specs may have saved documents of their own on this station: look for this one by its title, typed without accents.
    await page.getByLabel('Tìm theo tên hoặc số hiệu').fill('cong van tram chu');
    const candidate = candidates.getByTestId('outbox-candidate').filter({ hasText: TITLE });
    // Narrowed to it alone, once typing pauses.
    await expect(candidates.getByTestId('outbox-candidate')).toHaveCount(1);
    await expect(candidate).toHaveCount(1);
    await expect(candidate).toContainText(/Lưu lúc .* · [\d,.]+ (KB|MB)/);
    await shoot(page, 'outbox-choose', 'kiosk');
    await audit(page, 'outbox with documents to choose');
    await page.setViewportSize(SIZES.phone.viewport);
    await shoot(page, 'outbox-choose', 'phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    await candidate.getByRole('button', { name: `Thêm “${TITLE}” vào hộp thư đi` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Đã thêm “${TITLE}” vào hộp thư đi.` })).toBeVisible();
    await expect(page.getByLabel('Tìm theo tên hoặc số hiệu')).toBeFocused();
    const item = page.getByRole('list', { name: 'Tài liệu đã và sẽ gửi' }).getByRole('listitem').filter({ hasText: TITLE });
    await expect(item.getByText('Đang chờ gửi')).toBeVisible();
    await expect(item.locator('progress')).toHaveAttribute('value', '0');
    await expect(item.getByText(/Đã gửi 0 B \/ \d/)).toBeVisible();
    // Queued: no longer offered.
    await expect(candidate).toHaveCount(0);
    await expect(page.getByText('Không có tài liệu nào chưa gửi khớp với “cong van tram chu”.')).toBeVisible();

    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(box?.height ?? 0, await button.innerText()).toBeGreaterThanOrEqual(44);
    }

    await item.getByRole('button', { name: 'Bỏ khỏi hộp thư đi' }).click();
    await expect(item).toHaveCount(0);
    await expect(candidate).toHaveCount(1);
  });

  test('a document synced from the hub is not offered to send back', async ({ page }) => {
    await signIn(page, 'librarian');
    await page.goto('/#/outbox');
    await page.getByLabel('Tìm theo tên hoặc số hiệu').fill(DEMO_LAW_TITLE);
    await expect(page.getByText(`Không có tài liệu nào chưa gửi khớp với “${DEMO_LAW_TITLE}”.`)).toBeVisible();
  });

  test('a visitor who is not signed in is asked to sign in', async ({ page }) => {
    await page.goto('/#/outbox');
    await expect(page.getByRole('heading', { name: 'Gửi tài liệu lên trạm chủ' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Đăng nhập/ })).toBeVisible();
  });
});
