/** What went wrong opening a PDF, in the reader's words (message keys in shared/messages/pdf.ts). Pure. */

export type PdfProblem = 'password' | 'damaged' | 'unavailable' | 'generic';

/** Classifies an error from pdf.js (by its `name`, which survives the worker boundary). */
export function pdfProblem(error: unknown): PdfProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'PasswordException':
      return 'password';
    case 'InvalidPDFException':
    case 'FormatError':
    case 'UnknownErrorException':
    case 'XRefParseException':
    case 'DamagedPdf':
      return 'damaged';
    case 'ResponseException':
    case 'MissingPDFException':
    case 'UnexpectedResponseException':
      return 'unavailable';
    default:
      return 'generic';
  }
}

export const PROBLEM_MESSAGE = {
  password: 'pdf.error.password',
  damaged: 'pdf.error.damaged',
  unavailable: 'pdf.error.unavailable',
  generic: 'pdf.error.generic',
} as const;

/** An error a reader raises itself when a file opens but has nothing to show. */
export class DamagedPdfError extends Error {
  override name = 'DamagedPdf';
}
