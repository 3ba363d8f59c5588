/**
 * Small inline icons (SVG in the bundle: no icon font, nothing remote). Decorative only. Icon is the
 * one SVG wrapper every icon of the app draws in (the readers' and the text view's too).
 */
import type { ReactNode, SVGProps } from 'react';

type Paint = Pick<SVGProps<SVGSVGElement>, 'fill' | 'stroke' | 'strokeWidth' | 'strokeLinecap' | 'strokeLinejoin'>;

/** A 24×24 icon, hidden from screen readers and never focused; class "icon" unless given, paint inherited by its shapes. */
export function Icon({ children, className = 'icon', ...paint }: { children: ReactNode; className?: string } & Paint) {
  return (
    <svg className={className} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" {...paint}>
      {children}
    </svg>
  );
}

/** The line every outlined icon is drawn with. */
export const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function BookIcon({ className }: { className?: string }) {
  return (
    <Icon className={className ? `icon ${className}` : 'icon'}>
      <path {...stroke} d="M3 5.5c3-1.2 6-1 9 1 3-2 6-2.2 9-1v13c-3-1.2-6-1-9 1-3-2-6-2.2-9-1z" />
      <path {...stroke} d="M12 6.5v13" />
    </Icon>
  );
}

export function CheckIcon() {
  return (
    <Icon>
      <circle {...stroke} cx="12" cy="12" r="9" />
      <path {...stroke} d="m8 12.5 3 3 5-6" />
    </Icon>
  );
}

export function PendingIcon() {
  return (
    <Icon>
      <circle {...stroke} cx="12" cy="12" r="9" />
      <path {...stroke} d="M12 7v5l3 2" />
    </Icon>
  );
}

export function WarningIcon() {
  return (
    <Icon>
      <path {...stroke} d="M12 3 2 20h20z" />
      <path {...stroke} d="M12 10v4M12 17v.5" />
    </Icon>
  );
}

export function ArrowLeftIcon() {
  return (
    <Icon>
      <path {...stroke} d="M19 12H5M11 6l-6 6 6 6" />
    </Icon>
  );
}

export function ChevronLeftIcon() {
  return (
    <Icon>
      <path {...stroke} d="m15 5-7 7 7 7" />
    </Icon>
  );
}

export function ChevronRightIcon() {
  return (
    <Icon>
      <path {...stroke} d="m9 5 7 7-7 7" />
    </Icon>
  );
}

export function GlobeIcon() {
  return (
    <Icon>
      <circle {...stroke} cx="12" cy="12" r="9" />
      <path {...stroke} d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </Icon>
  );
}

export function OpenIcon() {
  return (
    <Icon>
      <path {...stroke} d="M4 5.5c2.7-1 5.3-.8 8 1 2.7-1.8 5.3-2 8-1v13c-2.7-1-5.3-.8-8 1-2.7-1.8-5.3-2-8-1z" />
      <path {...stroke} d="M7 10h2.5M7 13h2.5M14.5 10H17M14.5 13H17" />
    </Icon>
  );
}

export function SearchIcon() {
  return (
    <Icon>
      <circle {...stroke} cx="10.5" cy="10.5" r="6.5" />
      <path {...stroke} d="m15.5 15.5 5 5" />
    </Icon>
  );
}

export function CloseIcon() {
  return (
    <Icon>
      <path {...stroke} d="M6 6l12 12M18 6 6 18" />
    </Icon>
  );
}

export function PrintIcon() {
  return (
    <Icon>
      <path {...stroke} d="M7 9V3h10v6M7 17H4v-7h16v7h-3" />
      <path {...stroke} d="M7 14h10v7H7z" />
    </Icon>
  );
}

export function FilterIcon() {
  return (
    <Icon>
      <path {...stroke} d="M3 5h18l-7 8v6l-4 2v-8z" />
    </Icon>
  );
}

export function ChevronDownIcon() {
  return (
    <Icon>
      <path {...stroke} d="m5 9 7 7 7-7" />
    </Icon>
  );
}
