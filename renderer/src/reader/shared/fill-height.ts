/** A reader fills the window below the header (measured: the header's height varies) and scrolls inside itself, never the page. */
import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

const MIN_HEIGHT = 360;

/** The height for `ref`'s element, in px, kept up to date as the window resizes; `bottomGap` is left free below it. */
export function useFillHeight(ref: RefObject<HTMLElement | null>, bottomGap = 0): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(MIN_HEIGHT, window.innerHeight - Math.max(0, top + window.scrollY) - bottomGap));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, bottomGap]);
  return height;
}
