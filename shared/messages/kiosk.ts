/** Messages of the kiosk shell (idle reset, large text, high contrast) and of the home page's note on the demo set, Vietnamese first; merged into shared/messages.ts. */

export const kioskVi = {
  'display.label': 'Cách hiển thị và ngôn ngữ',
  'display.largeText': 'Chữ to',
  'display.largeTextLabel': 'Chữ to hơn',
  'display.contrast': 'Tương phản cao',
  'display.contrastLabel': 'Màu tương phản cao, dễ đọc hơn',
  'kiosk.idleTitle': 'Bạn còn đọc tiếp không?',
  'kiosk.idleBody': 'Màn hình sẽ quay về trang chủ sau {seconds} giây để người sau dùng.',
  'kiosk.idleContinue': 'Chạm để tiếp tục',
  'home.sampleTitle': 'Bộ tài liệu mẫu — tủ sách đầy đủ sẽ có sau khi đồng bộ',
  'home.sampleLead': 'Máy đang dùng {count} văn bản mẫu để thử. Văn bản ở mục “Mới có” đọc được ngay; nhiều văn bản khác mới có thông tin, chưa có tệp để đọc.',
} as const;

export const kioskEn: Record<keyof typeof kioskVi, string> = {
  'display.label': 'Display and language',
  'display.largeText': 'Large text',
  'display.largeTextLabel': 'Larger text',
  'display.contrast': 'High contrast',
  'display.contrastLabel': 'High-contrast colours, easier to read',
  'kiosk.idleTitle': 'Are you still reading?',
  'kiosk.idleBody': 'The screen goes back to the home page in {seconds} seconds for the next person.',
  'kiosk.idleContinue': 'Touch to continue',
  'home.sampleTitle': 'Sample documents — the full bookshelf comes with the first sync',
  'home.sampleLead': 'This computer is using {count} sample documents to try. Those under “New on the shelf” can be read now; many others have their details only, with no file to read yet.',
};
