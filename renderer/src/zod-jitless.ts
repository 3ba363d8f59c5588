/**
 * zod without its eval probe: zod 4 tries `new Function` when an object schema is built, which the
 * UI's CSP (no unsafe-eval) blocks and reports as a violation. Imported first by main.tsx, before
 * any module that builds a schema (shared/desk.ts, shared/accounts.ts, …).
 */
import { z } from 'zod';

z.config({ jitless: true });
