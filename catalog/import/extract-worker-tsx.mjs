// Entry of the extraction worker when the engine runs from its TypeScript sources (the
// `bookshelf` CLI through tsx, vitest): a new thread does not inherit tsx's loader, so
// register it here, then load the worker body. Compiled builds start extract-worker.js instead
// (see extract.ts).
//
// pdf.js is loaded first, by Node's own loader: through tsx its 3 MB of JavaScript would be
// transformed on every start (~1.2 s). Loading pdf.worker.mjs sets globalThis.pdfjsWorker,
// which pdf.js's in-thread ("fake") worker then uses instead of importing it again.
import { register } from 'tsx/esm/api';

await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
register();
await import('./extract-worker.ts');
