/**
 * The title of a Vietnamese legal document as a catalog shows it, from its header: the type and
 * the summary in sentence form ("Nghị định quy định chi tiết…", "Luật Bảo hiểm xã hội"), with the
 * proper names a summary written in capitals keeps capitalised.
 */
import type { LegalHeader } from './header.js';

/** Types whose summary is the document's own name: "Luật Bảo hiểm xã hội". */
const NAMED_TYPES = new Set(['Luật', 'Bộ luật', 'Pháp lệnh', 'Hiến pháp']);
const PROPER = [
  'Việt Nam', 'Quốc hội', 'Chính phủ', 'Thủ tướng Chính phủ', 'Nhà nước', 'Đảng', 'Mặt trận Tổ quốc', 'Hà Nội',
  'Thành phố Hồ Chí Minh', 'Ủy ban Thường vụ Quốc hội', 'Ủy ban nhân dân', 'Hội đồng nhân dân',
];

const isUpper = (text: string) => /\p{Lu}.*\p{Lu}/u.test(text) && text === text.toUpperCase();

/** "QUY ĐỊNH CHI TIẾT … CỦA LUẬT BẢO HIỂM XÃ HỘI" → "quy định chi tiết … của Luật Bảo hiểm xã hội". */
export function sentenceCase(caps: string): string {
  let text = caps
    .split(/(\s+)/)
    .map((word) => (/\d/.test(word) ? word : word.toLocaleLowerCase('vi')))
    .join('');
  for (const name of PROPER) text = text.replace(new RegExp(`(?<!\\p{L})${name.toLocaleLowerCase('vi')}(?!\\p{L})`, 'gu'), name);
  // A law cited by name: "luật bảo hiểm y tế" → "Luật Bảo hiểm y tế" (not "pháp luật", "luật sư").
  return text.replace(/(?<!\p{L})(?<!pháp )(bộ luật|luật)\s+(?!sư|pháp|định|hóa|hoá|này|và)(\p{L})/gu, (_m, law: string, first: string) => {
    return `${law === 'bộ luật' ? 'Bộ luật' : 'Luật'} ${first.toLocaleUpperCase('vi')}`;
  });
}

/** The title of a legal document: its type and summary in sentence form. */
export function legalTitle(header: LegalHeader): string {
  const docType = header.docType ?? 'Văn bản';
  const summary = header.summary?.replace(/\s+/g, ' ').trim();
  if (!summary) return header.number ? `${docType} số ${header.number}` : docType;
  let body = isUpper(summary) ? sentenceCase(summary) : summary;
  // A law's summary is its name; anything else reads on from the type: "Nghị định quy định…".
  if (NAMED_TYPES.has(docType) && !/^(sửa đổi|bổ sung)/iu.test(body)) body = body.charAt(0).toLocaleUpperCase('vi') + body.slice(1);
  else if (!/^\p{Lu}{2,}/u.test(body)) body = body.charAt(0).toLocaleLowerCase('vi') + body.slice(1);
  return `${docType} ${body}`.replace(/[\s.;:,]+$/, '');
}
