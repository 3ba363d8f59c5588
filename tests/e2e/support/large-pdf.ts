/**
 * The id of the 343-page gazette in the e2e station's catalog: by its number, or by its title
 * among the VBHN-BTC hits (while the importer does not read that number).
 */
import type { APIRequestContext } from '@playwright/test';
import { LARGE_PDF_NUMBER } from './e2e-documents.js';

type Hit = { publication: { id: string; number?: string; title: string } };

export async function largePdfId(request: APIRequestContext): Promise<string> {
  for (const q of [LARGE_PDF_NUMBER, 'VBHN-BTC']) {
    const response = await request.post('/api/search', { data: { q } });
    const items = ((await response.json()).result?.items ?? []) as Hit[];
    const hit = items.find((item) => item.publication.number === LARGE_PDF_NUMBER) ?? items.find((item) => /^Văn bản hợp nhất/.test(item.publication.title));
    if (hit) return hit.publication.id;
  }
  throw new Error(`no publication found for ${LARGE_PDF_NUMBER}`);
}
