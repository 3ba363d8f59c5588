/**
 * What a hub's upload endpoint (catalog/hub/uploads.ts, checksum.ts) answers when it refuses a
 * chunk or a document; the station keeps the reference and shows it in its reader's language.
 * Merged into shared/messages.ts.
 */

export const hubVi = {
  'hub.dataWithPatch': 'Hãy gửi dữ liệu bằng PATCH kèm Upload-Checksum.',
  'hub.checksumRequired': 'Thiếu Upload-Checksum.',
  'hub.checksumAlgorithm': 'Thuật toán kiểm tra không được hỗ trợ.',
  'hub.chunkTooLarge': 'Phần tải lên quá lớn.',
  'hub.chunkCut': 'Phần tải lên bị cắt.',
  'hub.chunkDamaged': 'Checksum Mismatch: phần này bị hỏng trên đường truyền, hãy gửi lại.',
  'hub.lengthRequired': 'Cần Upload-Length.',
  'hub.onlyPdfEpub': 'Chỉ nhận tệp PDF hoặc EPUB.',
  'hub.sha256Missing': 'Thiếu mã sha256 của tệp.',
  'hub.stationMissing': 'Thiếu mã hoặc tên trạm.',
  'hub.descriptionInvalid': 'Mô tả văn bản không hợp lệ.',
  'hub.fileDamaged': 'Checksum Mismatch: sha256 của tệp nhận được khác mã đã khai, hãy gửi lại từ đầu.',
  'hub.notWhatDeclared': 'Nội dung tệp không phải PDF hoặc EPUB như đã khai.',
} as const;

export const hubEn: Record<keyof typeof hubVi, string> = {
  'hub.dataWithPatch': 'Send data with PATCH and Upload-Checksum.',
  'hub.checksumRequired': 'Upload-Checksum is required.',
  'hub.checksumAlgorithm': 'Unsupported checksum algorithm.',
  'hub.chunkTooLarge': 'Chunk too large.',
  'hub.chunkCut': 'The chunk was cut off.',
  'hub.chunkDamaged': 'Checksum Mismatch: this chunk was damaged in transit, send it again.',
  'hub.lengthRequired': 'Upload-Length is required.',
  'hub.onlyPdfEpub': 'Only PDF or EPUB files are accepted.',
  'hub.sha256Missing': 'The file’s sha256 is missing.',
  'hub.stationMissing': 'The station id or name is missing.',
  'hub.descriptionInvalid': 'The document’s description is not valid.',
  'hub.fileDamaged': 'Checksum Mismatch: the sha256 of the received file differs from the declared one, send it again.',
  'hub.notWhatDeclared': 'The file’s content is not the PDF or EPUB it was declared as.',
};
