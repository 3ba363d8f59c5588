/**
 * eSpeak NG (WebAssembly) speaking Vietnamese, as the offline voice's worker runs it (and a unit
 * test in Node): the module started on the Vietnamese part of its data laid back at its places in
 * the data file, one piece of text made into 16-bit samples with the time each word starts, and
 * the word heard at a moment of the audio.
 */

/** What is used of the module @echogarden/espeak-ng-emscripten. */
export interface EspeakEvent {
  type: string;
  /** 1-based position in the text, in characters (code points). */
  text_position: number;
  /** Length of a word, in characters. */
  word_length: number;
  /** Milliseconds from the start of the audio. */
  audio_position: number;
}

export interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): void;
  get_samplerate(): number;
  /** Calls back with samples and the events in them until the text is spoken; returning true stops it. */
  synthesize(text: string, callback: (samples: Int16Array | null, events: EspeakEvent[]) => boolean): void;
}

/** The module's factory; `getPreloadedPackage` gives the bytes of its data file instead of fetching it. */
export type EspeakFactory = (options: { getPreloadedPackage: (name: string, size: number) => ArrayBuffer }) => Promise<{ eSpeakNGWorker: new () => EspeakWorker }>;

/** The Vietnamese ranges of the data file, one after another, with where each goes. */
export interface VoiceData {
  bytes: ArrayBuffer;
  size: number;
  ranges: [number, number][];
}

/** eSpeak NG's speed at 1×, in words (syllables) a minute: a little slower than its default 175, for listeners who read little. */
export const BASE_WORDS_PER_MINUTE = 160;

/** A word spoken: [start, end) in the text, and when it starts (seconds into the audio). */
export interface SpokenWord {
  start: number;
  end: number;
  at: number;
}

export interface Synthesized {
  samples: Int16Array;
  sampleRate: number;
  words: SpokenWord[];
}

/** Starts eSpeak NG with its Vietnamese voice. */
export async function startEspeak(create: EspeakFactory, data: VoiceData): Promise<EspeakWorker> {
  const whole = new Uint8Array(data.size);
  let at = 0;
  for (const [start, end] of data.ranges) {
    whole.set(new Uint8Array(data.bytes, at, end - start), start);
    at += end - start;
  }
  const module = await create({ getPreloadedPackage: () => whole.buffer });
  const espeak = new module.eSpeakNGWorker();
  if (espeak.set_voice('vi') !== 0) throw new Error('eSpeak NG has no Vietnamese voice');
  return espeak;
}

/** UTF-16 offsets of each code point of `text`, and of its end (eSpeak counts code points). */
function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let i = 0;
  for (const char of text) {
    offsets.push(i);
    i += char.length;
  }
  offsets.push(i);
  return offsets;
}

/** One piece of text spoken at `speed` (1 = BASE_WORDS_PER_MINUTE). */
export function synthesize(espeak: EspeakWorker, text: string, speed: number): Synthesized {
  espeak.set_rate(Math.round(BASE_WORDS_PER_MINUTE * speed));
  const chunks: Int16Array[] = [];
  const words: SpokenWord[] = [];
  const offsets = codePointOffsets(text);
  espeak.synthesize(text, (samples, events) => {
    if (samples) chunks.push(samples);
    for (const event of events) {
      if (event.type !== 'word') continue;
      const first = Math.min(event.text_position - 1, offsets.length - 1);
      words.push({ start: offsets[first], end: offsets[Math.min(first + event.word_length, offsets.length - 1)], at: event.audio_position / 1000 });
    }
    return false;
  });
  const samples = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    samples.set(chunk, at);
    at += chunk.length;
  }
  return { samples, sampleRate: espeak.get_samplerate(), words };
}

/** The word being spoken `seconds` into the audio (-1 before the first). */
export function wordAt(words: readonly SpokenWord[], seconds: number): number {
  let found = -1;
  for (let i = 0; i < words.length && words[i].at <= seconds; i += 1) found = i;
  return found;
}
