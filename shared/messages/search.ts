/** Messages of home, search results, the publication page and the reader page, Vietnamese first; merged into shared/messages.ts. */

export const searchVi = {
  'reader.notYet': 'Tệp của văn bản này chưa được tải về trạm. Hãy quay lại sau khi đồng bộ.',
  'reader.notKept': 'Trạm này không lưu tệp của văn bản này (theo lựa chọn của cán bộ). Nội dung vẫn tìm được trong danh mục.',
  'reader.unsupported': 'Không đọc được loại tệp này tại đây.',
} as const;

export const searchEn: Record<keyof typeof searchVi, string> = {
  'reader.notYet': 'This document’s file has not been downloaded to this station yet. Please come back after the next sync.',
  'reader.notKept': 'This station does not keep this document’s file (the officials’ choice). It can still be found in the catalog.',
  'reader.unsupported': 'This kind of file cannot be read here.',
};
