/** What both readers (PDF and EPUB) say the same way: the dialog for a web address, the way to the text view, the "more tools" menu. Merged into shared/messages.ts. */

export const readerVi = {
  'reader.linkTitle': 'Địa chỉ trang web',
  'reader.linkExplain': 'Máy này không mở trang web. Hãy dùng điện thoại của bạn quét mã QR dưới đây, hoặc gõ địa chỉ này vào điện thoại:',
  'reader.linkQr': 'Mã QR của địa chỉ {url}',
  'reader.linkClose': 'Đóng',
  'reader.textView': 'Xem chữ to',
  'reader.textViewLabel': 'Xem chữ to: nội dung văn bản dạng chữ, cỡ lớn, dễ đọc trên mọi màn hình',
  'reader.more': 'Thêm',
  'reader.moreLabel': 'Thêm công cụ: phóng to, thu nhỏ, cách xem trang, in',
} as const;

export const readerEn: Record<keyof typeof readerVi, string> = {
  'reader.linkTitle': 'Web address',
  'reader.linkExplain': 'This computer does not open web pages. Scan the QR code below with your phone, or type this address into your phone:',
  'reader.linkQr': 'QR code of the address {url}',
  'reader.linkClose': 'Close',
  'reader.textView': 'Text view',
  'reader.textViewLabel': 'Text view: the document as text, in large type, easy to read on any screen',
  'reader.more': 'More',
  'reader.moreLabel': 'More tools: zoom in, zoom out, page view, print',
};
