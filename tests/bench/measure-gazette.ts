/** Child process of `npm run bench`: the gazette search figures (gazette-search.ts) as JSON. */
import { measureGazette } from './gazette-search.js';

process.stdout.write(`${JSON.stringify(await measureGazette(process.argv[2]))}\n`);
