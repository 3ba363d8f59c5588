// Entry of the writer thread when the engine runs from its TypeScript sources (the `bookshelf`
// CLI through tsx, vitest): a new thread does not inherit tsx's loader, so register it here, then
// load the worker body. Compiled builds start writer-worker.js instead (see writer-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./writer-worker.ts');
