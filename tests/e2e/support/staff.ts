/**
 * Staff accounts of the e2e station (made by e2e-library.ts) and signing in as one of them. A
 * sign-in through the API sets the same HttpOnly cookie as the sign-in screen, in the page's
 * browser context.
 */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const E2E_STAFF = {
  official: { username: 'canbo', displayName: 'Nguyễn Văn Cán', password: 'mat-khau-can-bo' },
  librarian: { username: 'thuthu', displayName: 'Trần Thị Thư', password: 'mat-khau-thu-thu' },
} as const;

export type StaffKind = keyof typeof E2E_STAFF;

/** Signs the page's browser context in as the official or the librarian of the e2e station. */
export async function signIn(page: Page, who: StaffKind): Promise<void> {
  const { username, password } = E2E_STAFF[who];
  const response = await page.request.post('/api/auth.signIn', { data: { username, password } });
  expect(response.status(), await response.text()).toBe(200);
}
