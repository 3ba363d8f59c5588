/**
 * What the HTTP transports say when they refuse a request before any method runs (the station's
 * server, a hub, Electron's app:// protocol): limits, methods, origins. Worded in the language the
 * request asks for (Accept-Language). And the page (and console lines) of a station whose UI is
 * not built, in both languages (catalog/http/ui-not-built.ts). Merged into shared/messages.ts.
 */

export const httpVi = {
  'http.tooManyRequests': 'Quá nhiều yêu cầu; xin thử lại sau ít giây.',
  'http.tooManyHeaders': 'Yêu cầu có quá nhiều tiêu đề.',
  'http.headersTooLarge': 'Tiêu đề yêu cầu quá lớn.',
  'http.tooSlow': 'Yêu cầu gửi quá chậm.',
  'http.oneRange': 'Chỉ phục vụ một khoảng byte mỗi yêu cầu.',
  'http.methods': 'Địa chỉ này chỉ nhận yêu cầu {methods}.',
  'http.badPart': 'Yêu cầu không hợp lệ ({part}).',
  'http.bodyTooLarge': 'Nội dung yêu cầu quá lớn.',
  'http.uiNotBuilt.title': 'Giao diện của tủ sách chưa được build',
  'http.uiNotBuilt.how': 'Trong thư mục mã nguồn, chạy lệnh {command} (khoảng 20 giây), rồi tải lại trang của tủ sách; không cần khởi động lại.',
} as const;

export const httpEn: Record<keyof typeof httpVi, string> = {
  'http.tooManyRequests': 'Too many requests; please try again in a few seconds.',
  'http.tooManyHeaders': 'The request has too many headers.',
  'http.headersTooLarge': 'The request headers are too large.',
  'http.tooSlow': 'The request was sent too slowly.',
  'http.oneRange': 'Only one byte range is served per request.',
  'http.methods': 'This address only takes {methods} requests.',
  'http.badPart': 'The request is not valid ({part}).',
  'http.bodyTooLarge': 'The request body is too large.',
  'http.uiNotBuilt.title': 'The bookshelf’s user interface is not built',
  'http.uiNotBuilt.how': 'In the source folder, run {command} (about 20 seconds), then reload the bookshelf’s page; no restart is needed.',
};
