/**
 * Why a file was refused, in Vietnamese and English. Extractors throw an `ImportRefusal`; the
 * worker passes its code and message back as plain data; the importer reports it. Each code
 * names one specific cause, so a librarian can tell a password from a damaged file.
 */

export const REFUSALS = {
  'not-pdf': ['Không phải tệp PDF', 'not a PDF'],
  'not-epub': ['Không phải tệp EPUB', 'not an EPUB'],
  'unsupported': ['Không phải PDF hay EPUB', 'neither a PDF nor an EPUB'],
  'pdf-password': ['Tệp PDF có mật khẩu', 'password-protected PDF'],
  'pdf-damaged': ['Tệp PDF bị hỏng', 'damaged PDF'],
  'no-pages': ['Không có trang nào', 'no pages'],
  'zip-split': ['Đây là một phần của tệp ZIP bị chia nhỏ, không phải cả cuốn sách', 'one segment of a split (multi-volume) ZIP, not a whole book'],
  'zip-truncated': ['Tệp bị cắt cụt (tải về chưa xong?)', 'truncated file (unfinished download?)'],
  'zip-damaged': ['Tệp ZIP bị hỏng', 'damaged ZIP'],
  'zip-encrypted': ['Tệp ZIP có mã hoá', 'encrypted ZIP entry'],
  'zip-unsafe-name': ['Tên tệp nguy hiểm trong gói ZIP', 'unsafe file name in the ZIP'],
  'zip-too-large': ['Nội dung giải nén quá lớn (nghi bom ZIP)', 'unpacked content too large (zip bomb?)'],
  'zip-too-many-entries': ['Quá nhiều tệp trong gói ZIP', 'too many entries in the ZIP'],
  'xml-unsafe': ['XML có khai báo DOCTYPE/ENTITY bị cấm', 'XML with a forbidden DOCTYPE internal subset or ENTITY'],
  'xml-too-deep': ['XML lồng nhau quá sâu', 'XML nested too deeply'],
  'xml-too-large': ['Tệp XML quá lớn', 'XML file too large'],
  'xml-malformed': ['XML không hợp lệ', 'malformed XML'],
  'epub-mimetype': ['Sai tệp mimetype của EPUB', 'wrong EPUB mimetype'],
  'epub-damaged': ['Tệp EPUB bị hỏng', 'damaged EPUB'],
  'epub-no-content': ['EPUB không có nội dung đọc được', 'EPUB has no readable content'],
  'too-large': ['Tệp quá lớn', 'file too large'],
  'timeout': ['Quá thời gian xử lý', 'took too long'],
  'out-of-memory': ['Hết bộ nhớ khi xử lý', 'ran out of memory'],
  'crashed': ['Lỗi khi đọc tệp', 'extraction failed'],
  'file-changed': ['Tệp bị thay đổi trong khi nhập', 'the file changed during import'],
  'unreadable': ['Không đọc được tệp', 'cannot read the file'],
  'save-failed': ['Không lưu được vào thư viện', 'could not save to the library'],
} as const satisfies Record<string, readonly [string, string]>;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal as plain data (crosses the worker boundary). */
export interface RefusalInfo {
  code: RefusalCode;
  /** "Vietnamese / English: detail". */
  message: string;
}

export function refusalMessage(code: RefusalCode, detail?: string): string {
  const [vi, en] = REFUSALS[code];
  const clean = detail?.replace(/\s+/g, ' ').trim().slice(0, 300);
  return clean ? `${vi} / ${en}: ${clean}` : `${vi} / ${en}`;
}

export class ImportRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail?: string,
  ) {
    super(refusalMessage(code, detail));
    this.name = 'ImportRefusal';
  }

  toInfo(): RefusalInfo {
    return { code: this.code, message: this.message };
  }
}

export function refuse(code: RefusalCode, detail?: string): never {
  throw new ImportRefusal(code, detail);
}
