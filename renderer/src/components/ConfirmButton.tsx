/**
 * A button for an action that is not lightly done (discard a batch, delete a page, split, remove a
 * relation between documents): the first press asks, in words, with the confirming and the
 * keeping buttons side by side.
 */
import { useState } from 'react';
import { useT } from '../i18n.js';

interface ConfirmButtonProps {
  label: string;
  /** An accessible name when the visible label is short ("Xóa" → "Xóa trang 3"). */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  className?: string;
  testId?: string;
  onConfirm(): void;
}

export function ConfirmButton({ label, ariaLabel, question, confirmLabel, disabled, className = 'button', testId, onConfirm }: ConfirmButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={className} aria-label={ariaLabel} disabled={disabled} data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button
        type="button"
        className="button danger"
        data-testid={testId && `${testId}-yes`}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {t('confirm.keep')}
      </button>
    </div>
  );
}
