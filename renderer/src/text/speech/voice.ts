/**
 * A voice that reads Vietnamese, one piece of text (a sentence) at a time: the system's through the
 * Web Speech API (./system-voice.ts) or eSpeak NG in a worker (./offline-voice.ts). The reader
 * (./use-read-aloud.ts) gives it a piece, hears of each word as it is spoken and of the end, and
 * can pause, resume or stop it.
 */

export interface SpeakHandlers {
  /** The piece is heard (the first may wait for the voice to load). */
  onStart(): void;
  /** A word [start, end) of the piece is being spoken. */
  onWord(start: number, end: number): void;
  onEnd(): void;
  onError(error: unknown): void;
}

export interface Voice {
  readonly kind: 'system' | 'offline';
  /** The voice's own name ("Microsoft An - Vietnamese (Vietnam)", "eSpeak NG"). */
  readonly name: string;
  /** Speaks one piece; `speed` 1 is normal. A piece given while another is spoken replaces it. */
  speak(text: string, speed: number, handlers: SpeakHandlers): void;
  /** Gets the next piece ready while this one is spoken (where that helps). */
  prepare(text: string, speed: number): void;
  pause(): void;
  resume(): void;
  /** Stops speaking; no handler of the piece stopped is called after. */
  stop(): void;
  /** Stops and lets go of what the voice holds (a worker, the audio output). */
  close(): void;
}

/** The text a voice is given for a piece: capitals read as words, not spelled (same length, so word offsets hold). */
export function spokenForm(text: string): string {
  return /\p{Lu}{2}/u.test(text) && text === text.toUpperCase() ? text.toLowerCase() : text;
}
