/**
 * The offline voice: eSpeak NG's Vietnamese, made in a worker (./espeak.worker.ts) on this device
 * — the kiosk, or a phone on the LAN, with no load on the station — and played through Web Audio.
 * The next piece is made while one plays; the spoken word follows the audio clock, which stops
 * while paused. The worker and the voice data (0.7 MB) load on the first "Nghe".
 */
import espeakData from 'virtual:espeak-vi';
import { wordAt } from './espeak-synth.js';
import type { Synthesized } from './espeak-synth.js';
import type { FromWorker, ToWorker } from './espeak-protocol.js';
import { OFFLINE_VOICE_NAME } from './settings.js';
import type { SpeakHandlers, Voice } from './voice.js';

/** Pieces made ahead and kept (the current one and the next). */
const KEPT = 4;
const FOLLOW_MS = 60;

interface Playing {
  source: AudioBufferSourceNode;
  timer: ReturnType<typeof setInterval>;
}

export class OfflineVoice implements Voice {
  readonly kind = 'offline';
  readonly name = OFFLINE_VOICE_NAME;
  private worker: Worker | null = null;
  private context: AudioContext | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(s: Synthesized): void; reject(e: Error): void }>();
  private readonly made = new Map<string, Promise<Synthesized>>();
  private playing: Playing | null = null;
  private turn = 0;

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./espeak.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type === 'failed' && data.id === null) {
        for (const pending of this.waiting.values()) pending.reject(new Error(data.message));
        this.waiting.clear();
        return;
      }
      const pending = this.waiting.get(data.id as number);
      this.waiting.delete(data.id as number);
      if (data.type === 'spoken') pending?.resolve(data);
      else pending?.reject(new Error(data.message));
    };
    worker.postMessage({ type: 'start', ...espeakData } satisfies ToWorker);
    this.worker = worker;
    return worker;
  }

  private synthesized(text: string, speed: number): Promise<Synthesized> {
    const key = `${speed}\n${text}`;
    let spoken = this.made.get(key);
    if (!spoken) {
      const id = this.nextId++;
      spoken = new Promise<Synthesized>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      this.started().postMessage({ type: 'speak', id, text, speed } satisfies ToWorker);
      this.made.set(key, spoken);
      spoken.catch(() => this.made.delete(key));
      for (const old of [...this.made.keys()].slice(0, Math.max(0, this.made.size - KEPT))) this.made.delete(old);
    }
    return spoken;
  }

  prepare(text: string, speed: number): void {
    void this.synthesized(text, speed).catch(() => undefined);
  }

  speak(text: string, speed: number, handlers: SpeakHandlers): void {
    this.halt();
    const turn = ++this.turn;
    // Made here, in the tap that asked to listen: a browser lets audio start only from one.
    try {
      this.context ??= new AudioContext();
    } catch (error) {
      handlers.onError(error);
      return;
    }
    const context = this.context;
    void context.resume();
    this.synthesized(text, speed).then(
      (spoken) => {
        if (turn !== this.turn) return;
        const buffer = context.createBuffer(1, Math.max(1, spoken.samples.length), spoken.sampleRate);
        const channel = buffer.getChannelData(0);
        for (let i = 0; i < spoken.samples.length; i += 1) channel[i] = spoken.samples[i] / 32768;
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(context.destination);
        const began = context.currentTime;
        let word = -1;
        const timer = setInterval(() => {
          const next = wordAt(spoken.words, context.currentTime - began);
          if (next !== word && next >= 0) {
            word = next;
            handlers.onWord(spoken.words[next].start, spoken.words[next].end);
          }
        }, FOLLOW_MS);
        source.onended = () => {
          if (turn !== this.turn) return;
          this.halt();
          handlers.onEnd();
        };
        this.playing = { source, timer };
        source.start();
        handlers.onStart();
      },
      (error: unknown) => turn === this.turn && handlers.onError(error),
    );
  }

  pause(): void {
    void this.context?.suspend();
  }

  resume(): void {
    void this.context?.resume();
  }

  stop(): void {
    this.turn += 1;
    this.halt();
  }

  close(): void {
    this.stop();
    this.worker?.terminate();
    this.worker = null;
    for (const pending of this.waiting.values()) pending.reject(new Error('closed'));
    this.waiting.clear();
    this.made.clear();
    void this.context?.close();
    this.context = null;
  }

  private halt(): void {
    if (!this.playing) return;
    clearInterval(this.playing.timer);
    this.playing.source.onended = null;
    this.playing.source.stop();
    this.playing = null;
  }
}
