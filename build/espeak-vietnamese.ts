/**
 * A Vite plugin that ships eSpeak NG's Vietnamese voice data with the UI, for the text view's
 * offline read-aloud (renderer/src/text/speech/). The npm package @echogarden/espeak-ng-emscripten
 * packs every language into one 24 MB data file; Vietnamese needs 0.7 MB of it (the phoneme tables,
 * the intonations, vi_dict and the voice). The plugin takes those files' byte ranges out of it
 * into one asset, and the module `virtual:espeak-vi` tells the page where that asset is, how long
 * the whole data file is and where each range goes in it (the worker lays them back at their
 * places, so the package's own file table still holds). eSpeak NG's licence (GPL-3.0) goes with
 * the asset.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const MODULE_ID = 'virtual:espeak-vi';
const RESOLVED_ID = `\0${MODULE_ID}`;
const DEV_URL = '/@espeak-vi/data';
/** The files eSpeak NG reads to speak Vietnamese (under its data folder). */
const VIETNAMESE_FILES = /\/espeak-ng-data\/(?:phontab|phonindex|phondata|intonations|vi_dict|lang\/aav\/vi)$/;

export interface VietnameseData {
  /** The ranges' bytes, one after another. */
  bytes: Buffer;
  /** The length of the package's whole data file. */
  size: number;
  /** [start, end) of each range in the whole data file, in the order of `bytes`. */
  ranges: [number, number][];
  /** The package's licence text. */
  licence: string;
}

/** The Vietnamese part of the package's data file. */
export function vietnameseData(): VietnameseData {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@echogarden/espeak-ng-emscripten/package.json'));
  const script = fs.readFileSync(path.join(dir, 'espeak-ng.js'), 'utf8');
  const files = [...script.matchAll(/filename:"([^"]+)",start:(\d+),end:(\d+)/g)];
  const size = Number(/remote_package_size:(\d+)/.exec(script)?.[1]);
  const ranges = files.filter((m) => VIETNAMESE_FILES.test(m[1])).map((m): [number, number] => [Number(m[2]), Number(m[3])]);
  if (ranges.length !== 6 || !size) throw new Error('@echogarden/espeak-ng-emscripten: its data file table is not as expected');
  const data = fs.readFileSync(path.join(dir, 'espeak-ng.data'));
  return { bytes: Buffer.concat(ranges.map(([start, end]) => data.subarray(start, end))), size, ranges, licence: fs.readFileSync(path.join(dir, 'COPYING'), 'utf8') };
}

export function espeakVietnamese(): Plugin {
  let data: VietnameseData | undefined;
  const load = () => (data ??= vietnameseData());
  let serving = false;
  return {
    name: 'espeak-vietnamese',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    configureServer(server) {
      server.middlewares.use(DEV_URL, (_request, response) => {
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(load().bytes);
      });
    },
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const { bytes, size, ranges, licence } = load();
      let url = JSON.stringify(DEV_URL);
      if (!serving) {
        const asset = this.emitFile({ type: 'asset', name: 'espeak-ng-vi.data', source: bytes });
        this.emitFile({ type: 'asset', fileName: 'licenses/espeak-ng-COPYING.txt', source: licence });
        url = `import.meta.ROLLUP_FILE_URL_${asset}`;
      }
      return `export default { url: new URL(${url}, import.meta.url).href, size: ${size}, ranges: ${JSON.stringify(ranges)} };`;
    },
  };
}
