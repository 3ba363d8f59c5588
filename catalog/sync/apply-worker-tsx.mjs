// Entry of the sync apply thread when the engine runs from its TypeScript sources (the
// `bookshelf` CLI through tsx, vitest): a new thread does not inherit tsx's loader, so register
// it here, then load the worker body. Compiled builds start apply-worker.js instead (see apply-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./apply-worker.ts');
