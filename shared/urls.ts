/**
 * Paths of the file handler, the same under app:// in Electron and http:// in a browser.
 * Files are addressed only by sha256 or by publication id.
 */

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function fileUrl(sha256: string): string {
  return `/files/${sha256}`;
}

/** The main (content) file of a publication. */
export function publicationFileUrl(id: string): string {
  return `/publications/${encodeURIComponent(id)}/file`;
}

export const API_PREFIX = '/api/';

export function apiUrl(method: string): string {
  return `${API_PREFIX}${method}`;
}
