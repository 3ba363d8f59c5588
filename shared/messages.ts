/**
 * User-facing messages, Vietnamese first and English second. Every key exists in both
 * languages (the type system checks it); `{name}` placeholders are filled by `translate`.
 * The core table is here; each area of the UI keeps its own in shared/messages/.
 */
import { accountsEn, accountsVi } from './messages/accounts.js';
import { auditActionsEn, auditActionsVi } from './messages/audit-actions.js';
import { adminEn, adminVi } from './messages/admin.js';
import { deskEn, deskVi } from './messages/desk.js';
import { epubEn, epubVi } from './messages/epub.js';
import { feedEn, feedVi } from './messages/feed.js';
import { moderationEn, moderationVi } from './messages/moderation.js';
import { outboxEn, outboxVi } from './messages/outbox.js';
import { updatesEn, updatesVi } from './messages/updates.js';
import { kioskEn, kioskVi } from './messages/kiosk.js';
import { pdfEn, pdfVi } from './messages/pdf.js';
import { readerEn, readerVi } from './messages/reader.js';
import { searchEn, searchVi } from './messages/search.js';
import { syncEn, syncVi } from './messages/sync.js';
import { importEn, importVi } from './messages/import.js';
import { cliEn, cliVi } from './messages/cli.js';
import { httpEn, httpVi } from './messages/http.js';
import { hubEn, hubVi } from './messages/hub.js';
import { stationsEn, stationsVi } from './messages/stations.js';
import { enrolmentScreensEn, enrolmentScreensVi } from './messages/enrolment-screens.js';
import { networkScreensEn, networkScreensVi } from './messages/network-screens.js';
import { reportEn, reportVi } from './messages/report.js';
import { relationsEn, relationsVi } from './messages/relations.js';
import { formsEn, formsVi } from './messages/forms.js';
import { relatedEn, relatedVi } from './messages/related.js';
import { textViewEn, textViewVi } from './messages/text-view.js';
import { electronShellEn, electronShellVi } from './messages/electron-shell.js';
import { usbBundlesEn, usbBundlesVi } from './messages/usb-bundles.js';

import type { Language } from './languages.js';

export { LANGUAGES, isLanguage } from './languages.js';
export type { Language } from './languages.js';

const coreVi = {
  'app.title': 'Tủ sách pháp luật điện tử',
  'app.tagline': 'Văn bản pháp luật và sách, đọc được cả khi không có mạng',
  'app.skipToContent': 'Bỏ qua, tới nội dung chính',
  'app.version': 'Phiên bản {version}',
  'app.startFailed': 'Không khởi động được tủ sách.',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'nav.home': 'Trang chủ',
  'home.count': 'Có {count} văn bản và sách',
  'home.empty': 'Tủ sách chưa có văn bản nào. Hãy đồng bộ hoặc nhập tài liệu.',
  'home.sort': 'Sắp xếp',
  'sort.title': 'Theo tên',
  'sort.issued': 'Mới ban hành trước',
  'sort.number': 'Theo số hiệu',
  'sort.added': 'Mới thêm trước',
  'paging.previous': 'Trang trước',
  'paging.next': 'Trang sau',
  'paging.status': 'Trang {page} / {pages}',
  'paging.label': 'Chuyển trang',
  'field.number': 'Số hiệu',
  'field.docType': 'Loại văn bản',
  'field.issuer': 'Cơ quan ban hành',
  'field.issuedDate': 'Ngày ban hành',
  'field.effectiveDate': 'Ngày hiệu lực',
  'field.status': 'Tình trạng',
  'field.fields': 'Lĩnh vực',
  'field.authors': 'Tác giả',
  'field.publisher': 'Nhà xuất bản',
  'field.language': 'Ngôn ngữ',
  'field.description': 'Tóm tắt',
  'field.files': 'Tệp',
  'kind.legal': 'Văn bản pháp luật',
  'kind.book': 'Sách',
  'kind.guide': 'Tài liệu hướng dẫn',
  'kind.qa': 'Hỏi đáp pháp luật',
  'status.in_force': 'Còn hiệu lực',
  'status.not_yet_in_force': 'Chưa có hiệu lực',
  'status.partly_in_force': 'Hết hiệu lực một phần',
  'status.not_in_force': 'Hết hiệu lực',
  'status.unknown': 'Chưa rõ hiệu lực',
  'file.present': 'Có sẵn trên máy này',
  'file.pending': 'Chưa tải về máy này',
  'file.corrupt': 'Tệp bị hỏng, đang chờ tải lại',
  'file.excluded': 'Không lưu tại trạm này',
  'publication.read': 'Đọc',
  'publication.back': 'Quay lại danh sách',
  'publication.notAvailable': 'Máy này mới có thông tin của tài liệu, chưa có tệp để đọc. Bạn có thể nhờ cán bộ phụ trách tủ sách tải về, hoặc đọc các văn bản liên quan và văn bản cùng lĩnh vực đã có trên máy.',
  'publication.notKept': 'Trạm này chọn không lưu tệp của tài liệu này để tiết kiệm dung lượng. Thông tin về văn bản vẫn đầy đủ; nếu cần đọc, hãy hỏi cán bộ phụ trách tủ sách.',
  'loading': 'Đang tải…',
  'error.title': 'Có lỗi xảy ra',
  'error.retry': 'Thử lại',
  'error.invalid_input': 'Yêu cầu không hợp lệ.',
  'error.unknown_method': 'Chức năng này không tồn tại.',
  'error.not_found': 'Không tìm thấy nội dung yêu cầu.',
  'error.forbidden': 'Bạn cần đăng nhập với quyền phù hợp để làm việc này.',
  'error.bad_request': 'Yêu cầu không hợp lệ.',
  'error.conflict': 'Đã có trong tủ sách.',
  'error.rate_limited': 'Thử quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.',
  'error.unavailable': 'Chức năng này tạm thời chưa dùng được trên máy này.',
  'error.internal': 'Lỗi hệ thống. Vui lòng thử lại sau.',
  'error.offline': 'Không kết nối được với tủ sách. Kiểm tra lại máy chủ hoặc mạng nội bộ.',
  'confirm.keep': 'Không, giữ lại',
  'message.written': '{text}',
  'message.joined': '{first} — {then}',
} as const;

const vi = {
  ...coreVi,
  ...searchVi,
  ...pdfVi,
  ...epubVi,
  ...readerVi,
  ...kioskVi,
  ...accountsVi,
  ...deskVi,
  ...outboxVi,
  ...adminVi,
  ...updatesVi,
  ...moderationVi,
  ...auditActionsVi,
  ...feedVi,
  ...syncVi,
  ...importVi,
  ...cliVi,
  ...httpVi,
  ...hubVi,
  ...stationsVi,
  ...enrolmentScreensVi,
  ...networkScreensVi,
  ...reportVi,
  ...relationsVi,
  ...formsVi,
  ...relatedVi,
  ...textViewVi,
  ...electronShellVi,
  ...usbBundlesVi,
};

export type MessageKey = keyof typeof vi;

const coreEn: Record<keyof typeof coreVi, string> = {
  'app.title': 'Electronic Law Bookshelf',
  'app.tagline': 'Legal documents and books, readable without internet',
  'app.skipToContent': 'Skip to main content',
  'app.version': 'Version {version}',
  'app.startFailed': 'The bookshelf could not start.',
  'lang.switch': 'Tiếng Việt',
  'lang.switchLabel': 'Chuyển sang tiếng Việt',
  'nav.home': 'Home',
  'home.count': '{count} documents and books',
  'home.empty': 'The bookshelf is empty. Sync or import documents.',
  'home.sort': 'Sort',
  'sort.title': 'By title',
  'sort.issued': 'Newest issued first',
  'sort.number': 'By number',
  'sort.added': 'Recently added first',
  'paging.previous': 'Previous page',
  'paging.next': 'Next page',
  'paging.status': 'Page {page} of {pages}',
  'paging.label': 'Pages',
  'field.number': 'Number',
  'field.docType': 'Document type',
  'field.issuer': 'Issued by',
  'field.issuedDate': 'Issued on',
  'field.effectiveDate': 'In effect from',
  'field.status': 'Legal status',
  'field.fields': 'Fields',
  'field.authors': 'Authors',
  'field.publisher': 'Publisher',
  'field.language': 'Language',
  'field.description': 'Summary',
  'field.files': 'Files',
  'kind.legal': 'Legal document',
  'kind.book': 'Book',
  'kind.guide': 'Guide',
  'kind.qa': 'Legal Q&A',
  'status.in_force': 'In force',
  'status.not_yet_in_force': 'Not yet in force',
  'status.partly_in_force': 'Partly in force',
  'status.not_in_force': 'No longer in force',
  'status.unknown': 'Legal status unknown',
  'file.present': 'On this computer',
  'file.pending': 'Not yet downloaded',
  'file.corrupt': 'File damaged, waiting to download again',
  'file.excluded': 'Not kept at this station',
  'publication.read': 'Read',
  'publication.back': 'Back to the list',
  'publication.notAvailable': 'This computer has the document’s details but not its file to read yet. You can ask the official in charge of the bookshelf to get it, or read the related documents and those of the same field that are here.',
  'publication.notKept': 'To save disk space, this station does not keep the file of this document. Its details are complete; if you need to read it, ask the official in charge of the bookshelf.',
  'loading': 'Loading…',
  'error.title': 'Something went wrong',
  'error.retry': 'Try again',
  'error.invalid_input': 'The request is not valid.',
  'error.unknown_method': 'This function does not exist.',
  'error.not_found': 'Not found.',
  'error.forbidden': 'Please log in with the right role to do this.',
  'error.bad_request': 'The request is not valid.',
  'error.conflict': 'Already in the bookshelf.',
  'error.rate_limited': 'Too many attempts. Please wait a while and try again.',
  'error.unavailable': 'This function is not available on this machine right now.',
  'error.internal': 'System error. Please try again later.',
  'error.offline': 'Cannot reach the bookshelf. Check the server or the local network.',
  'confirm.keep': 'No, keep it',
  'message.written': '{text}',
  'message.joined': '{first} — {then}',
};

const en: Record<MessageKey, string> = {
  ...coreEn,
  ...searchEn,
  ...pdfEn,
  ...epubEn,
  ...readerEn,
  ...kioskEn,
  ...accountsEn,
  ...deskEn,
  ...outboxEn,
  ...adminEn,
  ...updatesEn,
  ...moderationEn,
  ...auditActionsEn,
  ...feedEn,
  ...syncEn,
  ...importEn,
  ...cliEn,
  ...httpEn,
  ...hubEn,
  ...stationsEn,
  ...enrolmentScreensEn,
  ...networkScreensEn,
  ...reportEn,
  ...relationsEn,
  ...formsEn,
  ...relatedEn,
  ...textViewEn,
  ...electronShellEn,
  ...usbBundlesEn,
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi, en };

/** True for a key the tables have (for labels looked up by a name from data, such as an audit action). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

/** A parameter of a message: a value, or another message rendered in the same language ("Feed refused: {reason}"). */
export type MessageParam = string | number | MessageRef;
export type MessageParams = Record<string, MessageParam>;

/** A message by reference: a key and its parameters, made into words where the caller's language is known. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

export function translate(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    return typeof value === 'object' ? translate(lang, value.key, value.params) : String(value);
  });
}

/** A reference in one language's words. */
export function say(lang: Language, ref: MessageRef): string {
  return translate(lang, ref.key, ref.params);
}

/** A reference in both languages, "vi / en": what the CLI prints and the logs keep. */
export function bilingual(ref: MessageRef): string {
  return `${say('vi', ref)} / ${say('en', ref)}`;
}

/** True for a value that has the shape of a reference to a known message (data read back from a database or the wire). */
export function isMessageRef(value: unknown): value is MessageRef {
  if (typeof value !== 'object' || value === null) return false;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !isMessageKey(key)) return false;
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  return Object.values(params).every((v) => typeof v === 'string' || typeof v === 'number' || isMessageRef(v));
}

/** The language for a caller's Accept-Language header: English only when preferred, else Vietnamese. */
export function languageFromAcceptHeader(header: string | null | undefined): Language {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
