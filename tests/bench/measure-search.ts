/**
 * Child process of `npm run bench`: runs the search query mix on a built library and prints
 * the figures as JSON, so its peak memory is the search process's alone.
 */
import { measureQueries } from './search.js';

process.stdout.write(`${JSON.stringify(await measureQueries(process.argv[2]))}\n`);
