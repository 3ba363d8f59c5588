/** The messages between the offline voice (./offline-voice.ts) and its worker (./espeak.worker.ts). */
import type { SpokenWord } from './espeak-synth.js';

export type ToWorker =
  | { type: 'start'; url: string; size: number; ranges: [number, number][] }
  | { type: 'speak'; id: number; text: string; speed: number };

export type FromWorker =
  | { type: 'spoken'; id: number; samples: Int16Array; sampleRate: number; words: SpokenWord[] }
  | { type: 'failed'; id: number | null; message: string };
