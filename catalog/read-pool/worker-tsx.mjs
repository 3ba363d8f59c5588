// Entry of a read pool worker when the engine runs from its TypeScript sources (the `bookshelf`
// CLI through tsx, vitest): a new thread does not inherit tsx's loader, so register it here, then
// load the worker body. Compiled builds start worker.js instead (see pool.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
