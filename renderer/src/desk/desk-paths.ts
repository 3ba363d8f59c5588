/** Routes of the librarian's desk (its home is staff-paths' DESK_HOME): a batch (scan, pages, OCR), its description, the saved document; and where it links out. */
export const OUTBOX_HOME = '/outbox';
export const HELP_SCAN = '/help/scan';
export const HELP_DESCRIBE = '/help/describe';

export function batchPath(batchId: string): string {
  return `/desk/batches/${encodeURIComponent(batchId)}`;
}

export function describePath(batchId: string): string {
  return `${batchPath(batchId)}/describe`;
}

export function savedPath(publicationId: string): string {
  return `/desk/saved/${encodeURIComponent(publicationId)}`;
}
