/** Icons of the display toggles (inline SVG: no remote fonts or images under the CSP). */

export function TextSizeIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3 19 8.5 5h1L15 19" />
      <path d="M5.2 14h7.6" />
      <path d="M15.5 19 18.5 11h.5l3 8" />
      <path d="M16.5 16.5h4.5" />
    </svg>
  );
}

export function ContrastIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 3a9 9 0 0 1 0 18Z" fill="currentColor" />
    </svg>
  );
}
