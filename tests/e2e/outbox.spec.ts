/**
 * The librarians' outbox screen end to end: a librarian imports a PDF at the desk (through the
 * API, as the desk screen would) and saves it, opens /outbox from the desk's link
 * (?publication=ID), adds it, sees it waiting with its progress bar (the e2e station has no hub),
 * and removes it; a document synced from the hub is refused in plain Vietnamese; buttons are
 * large enough to touch; a visitor who is not signed in is sent to sign in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { problemsOf, watchPageProblems } from './support/page-problems.js';
import { signIn } from './support/staff.js';
import { api } from './support/api.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
watchPageProblems(test);
const temp = tempDirs(test);

/** A demo law: on the e2e station as the hub's feed would bring it (origin national). */
const DEMO_LAW = 'luat-so-69-2020-qh14-32699';
const DEMO_PDF = path.resolve(import.meta.dirname, '../../catalog/demo/quyet-dinh-so-28-2021-qd-ttg-34546.pdf');

/** A local document, as the desk makes one: a PDF imported and saved (bytes made unique). */
async function localDocument(page: Page): Promise<string> {
  const file = path.join(temp('outbox-e2e-'), 'cong-van.pdf');
  fs.writeFileSync(file, Buffer.concat([fs.readFileSync(DEMO_PDF), Buffer.from(`\n% ${Date.now()}\n`)]));
  const batch = await api<{ id: string }>(page, 'desk.importFile', { path: file });
  const saved = await api<{ publicationId: string }>(page, 'desk.save', {
    batchId: batch.id,
    description: { kind: 'guide', title: 'Công văn gửi trạm chủ thử nghiệm', language: 'vi' },
    allowDuplicate: true,
  });
  return saved.publicationId;
}

test.describe('the outbox screen', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a librarian adds a saved document, sees it waiting with its progress, and removes it', async ({ page }) => {
    await signIn(page, 'librarian');
    const id = await localDocument(page);
    await page.goto(`/#/outbox?publication=${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Gửi tài liệu lên trạm chủ' })).toBeVisible();
    // Other specs may have queued documents of their own on this station: look at this one only.
    const item = page.getByRole('listitem').filter({ hasText: 'Công văn gửi trạm chủ thử nghiệm' });
    await expect(page.getByLabel('Mã văn bản (hiện sau khi lưu ở bàn làm việc)')).toHaveValue(id);
    await expect(item).toHaveCount(0);
    await page.getByRole('button', { name: 'Thêm vào hộp thư đi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã thêm vào hộp thư đi.' })).toBeVisible();
    await expect(item.getByText('Đang chờ gửi')).toBeVisible();
    await expect(item.locator('progress')).toHaveAttribute('value', '0');
    await expect(item.getByText(/Đã gửi 0 B \/ \d/)).toBeVisible();

    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(box?.height ?? 0, await button.innerText()).toBeGreaterThanOrEqual(44);
    }

    // The same document again: refused, in words.
    await page.getByLabel('Mã văn bản (hiện sau khi lưu ở bàn làm việc)').fill(id);
    await page.getByRole('button', { name: 'Thêm vào hộp thư đi' }).click();
    await expect(page.getByRole('alert')).toHaveText('Văn bản này đã có trong hộp thư đi.');
    problemsOf(page).splice(0); // the refused call logs a 409 in the console

    await item.getByRole('button', { name: 'Bỏ khỏi hộp thư đi' }).click();
    await expect(item).toHaveCount(0);
  });

  test('a document synced from the hub cannot be sent back, and the reason is said plainly', async ({ page }) => {
    await signIn(page, 'librarian');
    await page.goto('/#/outbox');
    await page.getByLabel('Mã văn bản (hiện sau khi lưu ở bàn làm việc)').fill(DEMO_LAW);
    await page.getByRole('button', { name: 'Thêm vào hộp thư đi' }).click();
    await expect(page.getByRole('alert')).toContainText('Chỉ gửi được văn bản do trạm này tạo');
    problemsOf(page).splice(0);
  });

  test('a visitor who is not signed in is asked to sign in', async ({ page }) => {
    await page.goto('/#/outbox');
    await expect(page.getByRole('heading', { name: 'Gửi tài liệu lên trạm chủ' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Đăng nhập/ })).toBeVisible();
  });
});
