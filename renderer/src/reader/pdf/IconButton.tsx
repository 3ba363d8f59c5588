/** A PDF reader button that shows only its icon (its label is read out and shown on hover) — or, in the "Thêm" menu, its icon and label. */
import type { ReactNode } from 'react';

interface IconButtonProps {
  label: string;
  onClick(): void;
  disabled?: boolean;
  testId?: string;
  /** More classes, after pdf-button pdf-icon-only. */
  className?: string;
  children: ReactNode;
}

export function IconButton({ label, onClick, disabled, testId, className, children }: IconButtonProps) {
  return (
    <button type="button" className={`pdf-button pdf-icon-only${className ? ` ${className}` : ''}`} onClick={onClick} disabled={disabled} aria-label={label} title={label} data-testid={testId}>
      {children}
      <span className="pdf-icon-label" aria-hidden="true">
        {label}
      </span>
    </button>
  );
}
