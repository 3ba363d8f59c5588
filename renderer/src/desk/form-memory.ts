/** The describe form's values kept for this tab while a batch is being described, so opening a matching document and coming back loses nothing. */
import type { FormValues } from './description-form.js';

const key = (batchId: string) => `bookshelf.desk.describe.${batchId}`;

export function rememberedValues(batchId: string): FormValues | null {
  try {
    const saved = globalThis.sessionStorage?.getItem(key(batchId));
    return saved ? (JSON.parse(saved) as FormValues) : null;
  } catch {
    return null;
  }
}

export function rememberValues(batchId: string, values: FormValues | null): void {
  try {
    if (values) globalThis.sessionStorage?.setItem(key(batchId), JSON.stringify(values));
    else globalThis.sessionStorage?.removeItem(key(batchId));
  } catch {
    // Not kept: the form starts again from the draft.
  }
}
