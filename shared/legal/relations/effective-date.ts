/**
 * The date a document takes effect, from the first sentence in which it speaks of its own effect
 * ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025."; for staged entry into force the
 * first sentence is the main date). None when that sentence dates it from signing ("kể từ ngày
 * ký" — said apart: its date is the issue date), from another event ("sau 45 ngày kể từ ngày ký",
 * "từ ngày được thông qua"), or when the document never says.
 */
import type { Unit } from './units.js';
import { statementsOf } from './units.js';

const SELF = '(?:Thông tư liên tịch|Nghị quyết liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Bộ luật|Luật|Pháp lệnh|Chỉ thị|Lệnh|Văn bản|Quy chế|Quy định)';
/** "Thông tư này có hiệu lực thi hành kể từ …" opening a sentence. */
const EFFECT = new RegExp(`^${SELF}\\s+này\\s+có hiệu lực(?![\\p{L}])(.*)$`, 'u');
const WORDED_DATE = /^\s*(?:thi hành\s+)?(?:kể\s+)?từ\s+ngày\s+(\d{1,2})\s*tháng\s*(\d{1,2})[\s.,]*năm\s*(\d{4})/u;
const NUMERIC_DATE = /^\s*(?:thi hành\s+)?(?:kể\s+)?từ\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/u;
const ON_SIGNING = /^\s*(?:thi hành\s+)?(?:kể\s+)?từ\s+ngày\s+ký(?![\p{L}])/u;

export interface Effect {
  /** ISO YYYY-MM-DD when stated as a date. */
  date: string | null;
  /** In effect from the day it is signed ("kể từ ngày ký"). */
  onSigning: boolean;
}

function isoDate(day: string, month: string, year: string): string | null {
  const d = Number(day);
  const m = Number(month);
  const date = new Date(Date.UTC(Number(year), m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The date of the first sentence of a statement saying when the document takes effect. */
export function dateOfEffect(statement: string): (Effect & { found: true }) | { found: false } {
  const effect = EFFECT.exec(statement);
  if (!effect) return { found: false };
  const rest = effect[1];
  const dated = WORDED_DATE.exec(rest) ?? NUMERIC_DATE.exec(rest);
  return { found: true, date: dated ? isoDate(dated[1], dated[2], dated[3]) : null, onSigning: ON_SIGNING.test(rest) };
}

/** When a document takes effect, as stated in its body units (not the title). */
export function effectiveDate(units: Unit[]): Effect {
  for (const unit of units.slice(1)) {
    for (const statement of statementsOf(unit.text)) {
      const effect = dateOfEffect(statement);
      if (effect.found) return { date: effect.date, onSigning: effect.onSigning };
    }
  }
  return { date: null, onSigning: false };
}
