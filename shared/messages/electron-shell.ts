/**
 * Messages of the desktop app as it runs at a station: printing at a kiosk without a dialog, the
 * kiosk printer setting (`bookshelf kiosk --printer`), and the library folder's lock that keeps a
 * second program from writing to it, and the page shown while the app waits for that lock. Vietnamese first; merged into shared/messages.ts.
 */

export const electronShellVi = {
  'shellPrint.failed': 'Không in được trên máy in “{printer}”. Xin báo cán bộ thư viện.',
  'shellPrint.failedDefault': 'Không in được trên máy in mặc định. Xin báo cán bộ thư viện.',
  'cli.kiosk.printer': 'Máy in của kiosk',
  'cli.kiosk.defaultPrinter': 'máy in mặc định của máy tính',
  'cli.help.kioskPrinter': '(kiosk) Máy in kiosk dùng, in không hỏi; "" để dùng máy in mặc định',
  'library.locked': 'Thư mục tủ sách {dir} đang được chương trình khác dùng ({program}, mã tiến trình {pid}, từ {since}). Hãy đóng chương trình đó rồi thử lại.',
  'library.waitTitle': 'Tủ sách đang chờ',
  'library.waiting': 'Thư mục tủ sách {dir} đang được chương trình khác dùng ({program}, mã tiến trình {pid}, từ {since}). Tủ sách sẽ tự mở khi chương trình đó đóng.',
} as const;

export const electronShellEn: Record<keyof typeof electronShellVi, string> = {
  'shellPrint.failed': 'Could not print on the printer “{printer}”. Please tell the librarian.',
  'shellPrint.failedDefault': 'Could not print on the default printer. Please tell the librarian.',
  'cli.kiosk.printer': 'Kiosk printer',
  'cli.kiosk.defaultPrinter': "the computer's default printer",
  'cli.help.kioskPrinter': '(kiosk) The printer the kiosk prints to without asking; "" for the default printer',
  'library.locked': 'The library folder {dir} is in use by another program ({program}, process id {pid}, since {since}). Close that program and try again.',
  'library.waitTitle': 'The bookshelf is waiting',
  'library.waiting': 'The library folder {dir} is in use by another program ({program}, process id {pid}, since {since}). The bookshelf will open by itself when that program closes.',
};
