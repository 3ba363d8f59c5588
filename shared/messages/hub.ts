/**
 * What a hub's upload endpoint (catalog/hub/uploads.ts, checksum.ts, content-check.ts) answers
 * when it refuses a chunk or a document, or a new upload for now (its quotas and disk,
 * catalog/hub/quotas.ts, upload-room.ts); the station keeps the reference and shows it in its
 * reader's language. A refused file's {reason} is one of the hub.pdf…/hub.epub… parts below or
 * the importer's own (shared/messages/import.ts).
 * Merged into shared/messages.ts.
 */

export const hubVi = {
  'hub.dataLength': 'Dữ liệu gửi kèm yêu cầu phải có Content-Length.',
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
  'hub.notPdf': 'Tệp không phải PDF đọc được như đã khai: {reason}',
  'hub.notEpub': 'Tệp không phải EPUB hợp lệ như đã khai: {reason}',
  'hub.pdfHeader': 'tệp không bắt đầu bằng %PDF-',
  'hub.pdfEnd': 'không có dấu kết thúc %%EOF, tệp có thể bị cắt cụt',
  'hub.epubNotZip': 'tệp không phải tệp nén zip',
  'hub.epubMimetype': 'mục đầu tiên của tệp zip phải là “mimetype”, không nén, ghi đúng application/epub+zip',
  'hub.quotaUploadsPerDay': 'Trạm đã tạo đủ {max} lượt tải lên cho phép trong hôm nay; tài liệu sẽ được tự động gửi tiếp vào ngày mai.',
  'hub.quotaInFlight': 'Các tài liệu trạm đang gửi dở đã chiếm đủ {megabytes} MB cho phép; tài liệu này sẽ được gửi khi chúng gửi xong hoặc hết hạn.',
  'hub.diskFull': 'Ổ đĩa của trạm chủ sắp đầy (cần giữ trống {megabytes} MB) nên tạm thời chưa nhận tài liệu mới; tài liệu sẽ được tự động gửi lại sau.',
} as const;

export const hubEn: Record<keyof typeof hubVi, string> = {
  'hub.dataLength': 'Data sent with a request needs a Content-Length.',
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
  'hub.notPdf': 'The file is not the readable PDF it was declared as: {reason}',
  'hub.notEpub': 'The file is not the valid EPUB it was declared as: {reason}',
  'hub.pdfHeader': 'it does not begin with %PDF-',
  'hub.pdfEnd': 'it has no %%EOF end marker, it may be truncated',
  'hub.epubNotZip': 'it is not a zip file',
  'hub.epubMimetype': 'the first entry of the zip must be “mimetype”, stored uncompressed, holding exactly application/epub+zip',
  'hub.quotaUploadsPerDay': 'This station has made the {max} uploads allowed today; the document will be sent on tomorrow by itself.',
  'hub.quotaInFlight': 'This station’s unfinished uploads already take the {megabytes} MB allowed; this document goes once they finish or expire.',
  'hub.diskFull': 'The hub’s disk is nearly full (it keeps {megabytes} MB free), so it takes no new upload for now; the document will be sent again later by itself.',
};
