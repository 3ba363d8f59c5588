/**
 * The offline voice's worker: eSpeak NG (WebAssembly, ./espeak-synth.ts) off the page's thread.
 * It fetches the Vietnamese voice data once, then answers each piece of text with its samples
 * (handed over, not copied) and the time each word starts. Served from the app's own origin as
 * its own script, it runs under no page policy, so WebAssembly may compile here.
 */
import createEspeak from '@echogarden/espeak-ng-emscripten';
import { startEspeak, synthesize } from './espeak-synth.js';
import type { EspeakFactory, EspeakWorker } from './espeak-synth.js';
import type { FromWorker, ToWorker } from './espeak-protocol.js';

const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker, transfer?: Transferable[]): void };
let espeak: Promise<EspeakWorker> | null = null;

async function start(url: string, size: number, ranges: [number, number][]): Promise<EspeakWorker> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`voice data: HTTP ${response.status}`);
  return startEspeak(createEspeak as EspeakFactory, { bytes: await response.arrayBuffer(), size, ranges });
}

scope.onmessage = ({ data }) => {
  if (data.type === 'start') {
    espeak ??= start(data.url, data.size, data.ranges);
    espeak.catch((error: unknown) => scope.postMessage({ type: 'failed', id: null, message: String(error) }));
    return;
  }
  const { id, text, speed } = data;
  (espeak ?? Promise.reject(new Error('not started'))).then(
    (voice) => {
      const spoken = synthesize(voice, text, speed);
      scope.postMessage({ type: 'spoken', id, ...spoken }, [spoken.samples.buffer]);
    },
    (error: unknown) => scope.postMessage({ type: 'failed', id, message: String(error) }),
  );
};
