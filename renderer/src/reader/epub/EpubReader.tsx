/** The EPUB reader (epubjs). Placeholder until the reader lands: offers the raw file. */
import type { ReaderProps } from '../types.js';

export default function EpubReader({ url }: ReaderProps) {
  return <a href={url}>EPUB</a>;
}
