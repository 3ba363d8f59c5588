/** The keys that turn pages in both readers: ← / → and PageUp / PageDown, unless focus is in a field. */

/** Whether keys belong to the control that has focus (text fields, sliders, an open dialog) rather than to the page. */
export function focusInField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"], dialog[open]') !== null;
}

/** Whether a key press is for the reader: not handled already, no modifier held, focus not in a field. */
export function isReaderKey(event: KeyboardEvent): boolean {
  return !(event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || focusInField(event.target));
}

/** 1 = next page, -1 = previous page, 0 = not a page key. */
export function pageTurnKey(event: KeyboardEvent): 1 | -1 | 0 {
  if (!isReaderKey(event)) return 0;
  if (event.key === 'ArrowRight' || event.key === 'PageDown') return 1;
  if (event.key === 'ArrowLeft' || event.key === 'PageUp') return -1;
  return 0;
}
