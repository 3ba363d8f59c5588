/** Phones: the one width below which both readers take their narrow layout (panels over the page, short labels). */
import { useEffect, useState } from 'react';

export const NARROW_SCREEN = '(max-width: 40rem)';

/** Whether the window is narrow now; follows a phone turned or a window resized. */
export function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_SCREEN).matches);
  useEffect(() => {
    const list = window.matchMedia(NARROW_SCREEN);
    const update = () => setNarrow(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}
