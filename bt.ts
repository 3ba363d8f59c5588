import { benchSyncTexts } from './tests/bench/sync-texts.js';
console.log(benchSyncTexts('/work/shared/corpora', Number(process.argv[2] ?? 500)));
