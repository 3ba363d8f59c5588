/**
 * What the sync service says about its sources and runs (catalog/sync/service.ts, sources.ts):
 * refusals of a source and why a run could not start. Merged into shared/messages.ts.
 */

export const syncVi = {
  'sync.locationUnsupported': 'Chỉ hỗ trợ địa chỉ http(s) hoặc thư mục: {location}',
  'sync.keyUnreadable': 'Khoá công khai không đọc được (cần tệp .pem do bookshelf keygen tạo)',
  'sync.keyNotEd25519': 'Khoá không phải Ed25519 ({type})',
  'sync.keyNeeded': 'Nguồn mới cần khoá công khai tin cậy (--trust <tệp>): {location}',
  'sync.noSuchSource': 'Không có nguồn này: {id}',
  'sync.noSource': 'Chưa có nguồn đồng bộ nào; hãy thêm nguồn trước',
  'sync.chooseSource': 'Có nhiều nguồn, hãy chọn một',
} as const;

export const syncEn: Record<keyof typeof syncVi, string> = {
  'sync.locationUnsupported': 'Only http(s) addresses or folders: {location}',
  'sync.keyUnreadable': 'The public key cannot be read (expected the .pem made by bookshelf keygen)',
  'sync.keyNotEd25519': 'Not an Ed25519 key ({type})',
  'sync.keyNeeded': 'A new source needs a trusted public key (--trust <file>): {location}',
  'sync.noSuchSource': 'No such source: {id}',
  'sync.noSource': 'No sync source yet: add one first',
  'sync.chooseSource': 'Several sources: choose one',
};
