/**
 * One field of the describe form: its label (with a visible * and a spoken "required"), a hint,
 * and its error, tied to the control by id so screen readers read all three.
 */
import type { ReactElement } from 'react';
import { cloneElement } from 'react';
import { useT } from '../i18n.js';

interface DescribeFieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  /** The control (input, select or textarea); it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
}

export function DescribeField({ id, label, required, hint, error, children }: DescribeFieldProps) {
  const t = useT();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'desk-field invalid' : 'desk-field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <>
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden"> ({t('deskUi.requiredMark')})</span>
          </>
        )}
      </label>
      {cloneElement(children, { id, name: id, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <small id={`${id}-hint`} className="desk-hint">
          {hint}
        </small>
      )}
      {error && (
        <p id={`${id}-error`} className="desk-field-error" data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}
