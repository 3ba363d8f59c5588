// Entry of the extraction worker when the engine runs from its TypeScript sources (the
// `bookshelf` CLI through tsx, vitest): a new thread does not inherit tsx's loader, so
// register it here, then load the worker body. Compiled builds start extract-worker.js instead
// (see extract.ts).
//
// pdf.js is loaded first, by Node's own loader: through tsx its 3 MB of JavaScript would be
// transformed on every start (~1.2 s). Loading pdf.worker.mjs sets globalThis.pdfjsWorker,
// which pdf.js's in-thread ("fake") worker then uses instead of importing it again.
import { register } from 'tsx/esm/api';

// And V8's own Array.prototype.push is put back after it, as pdf.ts's withEnginePush does.
const enginePush = Array.prototype.push;
await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
Object.defineProperty(Array.prototype, 'push', { value: enginePush, writable: true, configurable: true, enumerable: false });
register();
await import('./extract-worker.ts');
