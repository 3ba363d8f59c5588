/**
 * A date field typed as day/month/year (forms/date-text.ts), whatever the browser's language —
 * the browser's own date input shows mm/dd/yyyy on an English system. Its value in and out is an
 * ISO date, '' when empty, or the text as typed while it is not a date (which no ISO check takes).
 * It says its own words when the text is not a date, is outside min–max, or is missing when required.
 */
import { useEffect, useRef, useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import type { MessageRef } from '../../../shared/messages.js';
import { formatDate } from '../format.js';
import { useT } from '../i18n.js';
import { isIsoDate, parseDayMonthYear } from './date-text.js';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

export interface DateFieldProps extends InputProps {
  value: string;
  onChange(value: string): void;
  /** Earliest and latest ISO dates allowed. */
  min?: string;
  max?: string;
}

/** The value for a text: '' when empty, the ISO date, or the text itself when it is not a date. */
const valueOf = (text: string) => (text.trim() === '' ? '' : (parseDayMonthYear(text) ?? text));
const textOf = (value: string) => (isIsoDate(value) ? formatDate(value) : value);

function problemOf(value: string, required: boolean, min?: string, max?: string): MessageRef | null {
  if (value === '') return required ? { key: 'form.valueMissing' } : null;
  if (!isIsoDate(value)) return { key: 'form.dateInvalid' };
  if (min && isIsoDate(min) && value < min) return { key: 'form.dateTooEarly', params: { min: formatDate(min) } };
  if (max && isIsoDate(max) && value > max) return { key: 'form.dateTooLate', params: { max: formatDate(max) } };
  return null;
}

export function DateField({ value, onChange, min, max, required = false, ...input }: DateFieldProps) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => textOf(value));
  // A value set from outside (a preset period, a form reset) replaces what was typed.
  useEffect(() => setText((typed) => (valueOf(typed) === value ? typed : textOf(value))), [value]);
  const problem = problemOf(value, required, min, max);
  const words = problem ? t(problem.key, problem.params) : '';
  useEffect(() => ref.current?.setCustomValidity(words));
  return (
    <input
      {...input}
      ref={ref}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      placeholder={t('form.dateFormat')}
      required={required}
      data-own-validity=""
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(valueOf(event.target.value));
      }}
      onBlur={(event) => {
        // A date typed loosely ("5/7/2025") is shown the usual way once she leaves the field.
        setText(textOf(valueOf(event.target.value)));
        input.onBlur?.(event);
      }}
    />
  );
}
