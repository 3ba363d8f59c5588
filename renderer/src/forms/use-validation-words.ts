/**
 * The app's words, in the screen's language, in place of the browser's validation bubbles on every
 * form: when the browser finds a field invalid, the field gets its words (forms/validity.ts) as its
 * custom validity, so the bubble says them. They are cleared when the field is edited and before
 * the next submit, so the browser checks afresh each time. A field that says its own words (marked
 * data-own-validity, such as the date field) is left alone.
 */
import { useEffect } from 'react';
import { useT } from '../i18n.js';
import type { TFunction } from '../i18n.js';
import { validityWords } from './validity.js';
import type { FieldState } from './validity.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const isControl = (target: unknown): target is Control =>
  target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;

function stateOf(control: Control): FieldState {
  const input = control instanceof HTMLInputElement ? control : null;
  return {
    tagName: control.tagName,
    type: control.type,
    value: control.value,
    validity: control.validity,
    minLength: control instanceof HTMLSelectElement ? -1 : control.minLength,
    maxLength: control instanceof HTMLSelectElement ? -1 : control.maxLength,
    min: input?.min ?? '',
    max: input?.max ?? '',
  };
}

/** The text of a field's hint (its aria-describedby elements). */
function hintOf(control: Control): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => control.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}

/** Fields that hold words set here (kept across a change of language, which installs the listeners anew). */
const ours = new WeakSet<Control>();

function installValidationWords(doc: Document, t: TFunction): () => void {
  const clear = (control: Control) => {
    if (ours.delete(control)) control.setCustomValidity('');
  };
  const onInvalid = (event: Event) => {
    const control = event.target;
    if (!isControl(control) || control.dataset.ownValidity !== undefined) return;
    clear(control);
    if (control.validity.customError) return; // a component's own words stand
    const words = validityWords(stateOf(control), hintOf(control));
    if (!words) return;
    control.setCustomValidity(t(words.key, words.params));
    ours.add(control);
  };
  const onEdit = (event: Event) => {
    if (isControl(event.target)) clear(event.target);
  };
  // A submit button's click (Enter in a field clicks it too) comes before the browser's checks.
  const onClick = (event: Event) => {
    const button = event.target instanceof Element ? event.target.closest('button, input') : null;
    if (!(button instanceof HTMLButtonElement || button instanceof HTMLInputElement) || button.type !== 'submit' || !button.form) return;
    for (const element of button.form.elements) if (isControl(element)) clear(element);
  };
  const listeners: [string, (event: Event) => void][] = [
    ['invalid', onInvalid],
    ['input', onEdit],
    ['change', onEdit],
    ['click', onClick],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
  return () => {
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
  };
}

export function useValidationWords(): void {
  const t = useT();
  useEffect(() => installValidationWords(document, t), [t]);
}
