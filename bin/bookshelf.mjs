#!/usr/bin/env node
// The `bookshelf` command: runs catalog/cli/main.ts through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../catalog/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
