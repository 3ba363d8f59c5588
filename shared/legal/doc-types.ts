/**
 * Kinds of Vietnamese legal documents and the organs that issue them: the codes used in document
 * numbers ("QĐ", "TTg", "BLĐTBXH"), the names as Vietnamese write them ("Quyết định", "Thủ tướng
 * Chính phủ", "Bộ Lao động - Thương binh và Xã hội"), and the rule that turns an organ written in
 * capitals in a header into that form.
 */
import { vnFold } from '../text.js';
import { tidyNumber } from './numbers.js';

/** How residents shorten a type when they search ("qd 28" for "Quyết định 28"): folded abbreviation → the type's name. */
export const DOC_TYPE_ABBREVIATIONS: readonly [string, string][] = [
  ['qd', 'Quyết định'],
  ['nd', 'Nghị định'],
  ['nq', 'Nghị quyết'],
  ['tt', 'Thông tư'],
  ['ct', 'Chỉ thị'],
];

/** Document types, longest name first so "Thông tư liên tịch" wins over "Thông tư". */
export const DOC_TYPES: readonly { name: string; code?: string }[] = [
  { name: 'Nghị quyết liên tịch', code: 'NQLT' },
  { name: 'Thông tư liên tịch', code: 'TTLT' },
  { name: 'Văn bản hợp nhất', code: 'VBHN' },
  { name: 'Quyết định', code: 'QĐ' },
  { name: 'Nghị quyết', code: 'NQ' },
  { name: 'Nghị định', code: 'NĐ' },
  { name: 'Hiến pháp' },
  { name: 'Pháp lệnh', code: 'PL' },
  { name: 'Thông báo', code: 'TB' },
  { name: 'Công điện', code: 'CĐ' },
  { name: 'Hướng dẫn', code: 'HD' },
  { name: 'Kế hoạch', code: 'KH' },
  { name: 'Thông tư', code: 'TT' },
  { name: 'Công văn' },
  { name: 'Chỉ thị', code: 'CT' },
  { name: 'Bộ luật' },
  { name: 'Lệnh', code: 'L' },
  { name: 'Luật' },
];

const TYPE_BY_CODE = new Map(DOC_TYPES.filter((t) => t.code).map((t) => [vnFold(t.code as string), t.name]));
const LIAISON_TYPES = new Set(['nqlt', 'ttlt']);

/** Organs with their number codes; the names are the forms the rule below cannot produce. */
const ORGANS: readonly { name: string; code?: string }[] = [
  { name: 'Quốc hội', code: 'QH' },
  { name: 'Ủy ban Thường vụ Quốc hội', code: 'UBTVQH' },
  { name: 'Chủ tịch nước', code: 'CTN' },
  { name: 'Chính phủ', code: 'CP' },
  { name: 'Thủ tướng Chính phủ', code: 'TTg' },
  { name: 'Văn phòng Quốc hội', code: 'VPQH' },
  { name: 'Văn phòng Chính phủ', code: 'VPCP' },
  { name: 'Bộ Công an', code: 'BCA' },
  { name: 'Bộ Công Thương', code: 'BCT' },
  { name: 'Bộ Dân tộc và Tôn giáo', code: 'BDTTG' },
  { name: 'Bộ Giáo dục và Đào tạo', code: 'BGDĐT' },
  { name: 'Bộ Giao thông vận tải', code: 'BGTVT' },
  { name: 'Bộ Kế hoạch và Đầu tư', code: 'BKHĐT' },
  { name: 'Bộ Khoa học và Công nghệ', code: 'BKHCN' },
  { name: 'Bộ Lao động - Thương binh và Xã hội', code: 'BLĐTBXH' },
  { name: 'Bộ Ngoại giao', code: 'BNG' },
  { name: 'Bộ Nội vụ', code: 'BNV' },
  { name: 'Bộ Nông nghiệp và Môi trường', code: 'BNNMT' },
  { name: 'Bộ Nông nghiệp và Phát triển nông thôn', code: 'BNNPTNT' },
  { name: 'Bộ Quốc phòng', code: 'BQP' },
  { name: 'Bộ Tài chính', code: 'BTC' },
  { name: 'Bộ Tài nguyên và Môi trường', code: 'BTNMT' },
  { name: 'Bộ Thông tin và Truyền thông', code: 'BTTTT' },
  { name: 'Bộ Tư pháp', code: 'BTP' },
  { name: 'Bộ Văn hóa, Thể thao và Du lịch', code: 'BVHTTDL' },
  { name: 'Bộ Xây dựng', code: 'BXD' },
  { name: 'Bộ Y tế', code: 'BYT' },
  { name: 'Ngân hàng Nhà nước Việt Nam', code: 'NHNN' },
  { name: 'Thanh tra Chính phủ', code: 'TTCP' },
  { name: 'Kiểm toán nhà nước', code: 'KTNN' },
  { name: 'Ủy ban Dân tộc', code: 'UBDT' },
  { name: 'Bảo hiểm xã hội Việt Nam', code: 'BHXH' },
  { name: 'Tòa án nhân dân tối cao', code: 'TANDTC' },
  { name: 'Viện kiểm sát nhân dân tối cao', code: 'VKSNDTC' },
  { name: 'Hội đồng Thẩm phán Tòa án nhân dân tối cao', code: 'HĐTP' },
  { name: 'Ủy ban nhân dân', code: 'UBND' },
  { name: 'Hội đồng nhân dân', code: 'HĐND' },
  { name: 'Tổng Liên đoàn Lao động Việt Nam', code: 'TLĐ' },
  { name: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', code: 'MTTQ' },
];

const ORGAN_BY_CODE = new Map(ORGANS.filter((o) => o.code).map((o) => [vnFold(o.code as string), o.name]));
/** Names compared folded and without punctuation: "BỘ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI" is known. */
const nameKey = (name: string) => vnFold(name).replace(/[^a-z0-9]+/g, ' ').trim();
const ORGAN_BY_NAME = new Map(ORGANS.map((o) => [nameKey(o.name), o.name]));

/** Words that start an organ's name in a header: where one organ ends and the next begins. */
const ORGAN_HEADS = new RegExp(
  `^(?:${[
    ...['bo', 'uy ban', 'ubnd', 'hoi dong', 'hdnd', 'chinh phu', 'thu tuong', 'quoc hoi', 'chu tich', 'van phong', 'toa an'],
    ...['vien', 'ngan hang', 'kiem toan', 'thanh tra', 'bao hiem', 'tong', 'cuc', 'so', 'ban', 'dai hoc', 'hoc vien'],
  ].join('|')})\\b`,
);
/** Organs named "<head> <field>", whose field is capitalised component by component. */
const FIELD_HEADS = /^(?:bo|so|cuc|tong cuc|vu|ban)\s/;
const LOCAL_ORGAN = /^(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s+(tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong|dac khu)\s+(.+)$/;

interface NumberParts {
  year: boolean;
  /** Symbol parts after the serial and year: ["QĐ", "TTg"]. */
  parts: string[];
  party: boolean;
}

function numberParts(number: string): NumberParts {
  const tidy = tidyNumber(number);
  const party = /^\d+-/.test(tidy);
  const pieces = tidy.split('/');
  // Party numbers put the type before the slash and the organ after it: "57-NQ/TW".
  const symbol = party ? pieces.join('-').replace(/^\d+-/, '') : pieces[pieces.length - 1];
  return { year: !party && /^\d{4}$/.test(pieces[1] ?? ''), parts: symbol.split('-').filter(Boolean), party };
}

const codeOf = (part: string) => vnFold(part).replace(/\d+$/, '');

/**
 * The type a number implies: "QĐ" → Quyết định, "TT" → Thông tư, "VBHN" → Văn bản hợp nhất,
 * an organ code with no type code and no year ("2500/BTP-PBGDPL") → Công văn. A bare "QH13" or
 * "UBTVQH15" symbol is null: the National Assembly numbers its laws and resolutions alike
 * (93/2015/QH13 is both), and its Standing Committee its resolutions and ordinances.
 */
export function docTypeFromNumber(number: string): string | null {
  const { parts, year } = numberParts(number);
  if (parts.length < 2) return null;
  const type = TYPE_BY_CODE.get(codeOf(parts[0]));
  if (type) return type;
  return year ? null : 'Công văn';
}

/**
 * The issuing organ a number names: "NĐ-CP" → Chính phủ, "QH14" → Quốc hội, "TTLT-BLĐTBXH-BTC" →
 * "Bộ Lao động - Thương binh và Xã hội, Bộ Tài chính", "2500/BTP-PBGDPL" → Bộ Tư pháp (the unit
 * after the ministry is left out). Null for Party numbers and unknown codes.
 */
export function issuerFromNumber(number: string): string | null {
  const { parts, party } = numberParts(number);
  if (party || parts.length === 0) return null;
  const typed = TYPE_BY_CODE.has(codeOf(parts[0])) && parts.length > 1;
  const organs = typed ? (LIAISON_TYPES.has(codeOf(parts[0])) ? parts.slice(1) : parts.slice(1, 2)) : parts.slice(0, 1);
  const names = organs.map((code) => ORGAN_BY_CODE.get(codeOf(code)));
  return names.every(Boolean) ? names.join(', ') : null;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "HÀ NỘI" → "Hà Nội": every word capitalised, as place names are written. */
function placeCase(text: string): string {
  return text.toLowerCase().split(' ').map(capitalize).join(' ');
}

/** One organ written in capitals, in the form Vietnamese write it. */
function organName(caps: string): string {
  const text = caps.replace(/\s+/g, ' ').replace(/\s*-\s*/g, ' - ').trim();
  const folded = vnFold(text);
  const known = ORGAN_BY_NAME.get(nameKey(text));
  if (known) return known;
  const local = LOCAL_ORGAN.exec(folded);
  if (local) {
    const head = ORGAN_BY_NAME.get(local[1].startsWith('u') ? 'uy ban nhan dan' : 'hoi dong nhan dan') as string;
    const place = text.slice(text.length - local[3].length);
    const level = text.slice(text.length - local[3].length - local[2].length - 1, text.length - local[3].length - 1);
    return `${head} ${level.toLowerCase()} ${placeCase(place)}`;
  }
  const lower = text.toLowerCase();
  const head = FIELD_HEADS.exec(folded);
  if (head) {
    // "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" → "Bộ Kế hoạch và Đầu tư": each coordinated field starts a capital.
    const field = lower.slice(head[0].length).replace(/(^|, | và | - )(\S)/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    return capitalize(lower.slice(0, head[0].length)) + field;
  }
  return capitalize(lower).replace(/việt nam/g, 'Việt Nam').replace(/chính phủ/g, 'Chính phủ').replace(/quốc hội/g, 'Quốc hội');
}

/**
 * The organ or organs of a header written in capitals: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" →
 * "Bộ Lao động - Thương binh và Xã hội"; "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → "Ủy ban nhân dân tỉnh
 * Lào Cai"; joint issuers ("VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - BỘ CÔNG AN - …") joined with ", ".
 */
function organNames(caps: string): string {
  const organs: string[] = [];
  for (const piece of caps.split(/\s+-\s+|\s*-\s*$/).map((p) => p.trim()).filter(Boolean)) {
    if (organs.length === 0 || ORGAN_HEADS.test(vnFold(piece))) organs.push(piece);
    else organs[organs.length - 1] += ` - ${piece}`;
  }
  return organs.map(organName).join(', ');
}

/**
 * The issuing organ of a header block, one line per element as the header wraps it. A line
 * continues the one before when the joined name is known, when the one before ends with "-", ","
 * or "VÀ", or when it does not start an organ's name ("VÀ XÃ HỘI", "TỈNH LÀO CAI"); otherwise it
 * names a unit under the organ above ("BỘ TÀI CHÍNH" / "TỔNG CỤC THUẾ"), which is the issuer.
 */
export function organFromLines(lines: string[]): string | null {
  let current = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    const joined = `${current} ${line}`.trim();
    const continues =
      current === '' ||
      ORGAN_BY_NAME.has(nameKey(joined)) ||
      /(?:[-,]|\sVÀ)$/u.test(current) ||
      !ORGAN_HEADS.test(vnFold(line));
    current = continues ? joined : line;
  }
  return current ? organNames(current) : null;
}
