/** The PDF reader (pdfjs-dist). Placeholder until the reader lands: offers the raw file. */
import type { ReaderProps } from '../types.js';

export default function PdfReader({ url }: ReaderProps) {
  return <a href={url}>PDF</a>;
}
