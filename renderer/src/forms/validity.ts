/**
 * Why a form field fails the browser's own checks (required, minlength, pattern, min/max, type),
 * in the app's words by reference — the browser's bubbles speak the browser's language ("Please
 * fill out this field."), not the screen's. Null when the browser's checks pass.
 */
import type { MessageRef } from '../../../shared/messages.js';

/** The browser's checks a field can fail (ValidityState's flags, customError aside). */
type Check = 'valueMissing' | 'typeMismatch' | 'badInput' | 'stepMismatch' | 'tooShort' | 'tooLong' | 'rangeUnderflow' | 'rangeOverflow' | 'patternMismatch';

/** What the words depend on: a field's kind, its limits and its validity flags (a DOM control has them all). */
export interface FieldState {
  tagName: string;
  type: string;
  minLength: number;
  maxLength: number;
  min: string;
  max: string;
  value: string;
  validity: Readonly<Record<Check, boolean>>;
}

/** `hint`: the field's own hint (its aria-describedby text), which says the pattern a mismatch missed. */
export function validityWords(field: FieldState, hint = ''): MessageRef | null {
  const { validity: v, type } = field;
  const choice = field.tagName === 'SELECT' || type === 'radio';
  if (v.valueMissing) return { key: choice ? 'form.selectMissing' : type === 'checkbox' ? 'form.checkMissing' : 'form.valueMissing' };
  if (v.typeMismatch) return { key: type === 'email' ? 'form.emailInvalid' : type === 'url' ? 'form.urlInvalid' : 'form.invalid' };
  if (v.badInput || v.stepMismatch) return { key: type === 'number' ? 'form.numberInvalid' : 'form.invalid' };
  if (v.tooShort) return { key: 'form.tooShort', params: { min: field.minLength, count: field.value.length } };
  if (v.tooLong) return { key: 'form.tooLong', params: { max: field.maxLength } };
  if (v.rangeUnderflow) return { key: 'form.numberTooSmall', params: { min: field.min } };
  if (v.rangeOverflow) return { key: 'form.numberTooLarge', params: { max: field.max } };
  if (v.patternMismatch) return hint.trim() ? { key: 'form.patternMismatchHint', params: { hint: hint.trim() } } : { key: 'form.patternMismatch' };
  return null;
}
