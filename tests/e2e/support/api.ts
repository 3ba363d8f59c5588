/** A contract method called from a spec through the page's request context (its cookies): the result, the test failing on an error envelope. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export async function api<T>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const response = await page.request.post(`/api/${method}`, { data: input });
  const body = (await response.json()) as { ok: boolean; result: T };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}
