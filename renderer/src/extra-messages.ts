/**
 * Messages the renderer needs that shared/messages.ts does not have yet. To be merged into
 * shared/messages.ts (same keys, same texts); then this file goes and i18n.tsx uses
 * `translate` alone.
 */
import type { Language } from '../../shared/messages.js';

const vi = {
  'app.version': 'Phiên bản {version}',
  'paging.label': 'Chuyển trang',
  'notFound.heading': 'Không tìm thấy văn bản',
  'notFound.body': 'Văn bản này không có trong tủ sách, hoặc đường dẫn không đúng.',
} as const;

export type ExtraMessageKey = keyof typeof vi;

const en: Record<ExtraMessageKey, string> = {
  'app.version': 'Version {version}',
  'paging.label': 'Pages',
  'notFound.heading': 'Document not found',
  'notFound.body': 'This document is not on the bookshelf, or the link is wrong.',
};

export const EXTRA_MESSAGES: Record<Language, Record<ExtraMessageKey, string>> = { vi, en };
