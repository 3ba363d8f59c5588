/**
 * The system's Vietnamese voice through the Web Speech API (Windows' "Microsoft An" where it is
 * installed, Android's and iOS's own): the voices are listed once the browser has them, and only
 * those on this device count (a network voice needs the internet a commune may not have).
 */
import type { SpeakHandlers, Voice } from './voice.js';

const VIETNAMESE = /^vi(?:[-_]|$)/i;
/** How long to wait for the browser to list its voices (it may list none at all). */
const LISTING_WAIT_MS = 1500;

/** The Vietnamese voices on this device, the default first. */
export function vietnameseVoices(): SpeechSynthesisVoice[] {
  if (!('speechSynthesis' in globalThis)) return [];
  return speechSynthesis
    .getVoices()
    .filter((v) => VIETNAMESE.test(v.lang) && v.localService)
    .sort((a, b) => Number(b.default) - Number(a.default));
}

/** The Vietnamese voices once the browser has listed them (or has had time to). */
export function listVietnameseVoices(): Promise<SpeechSynthesisVoice[]> {
  if (!('speechSynthesis' in globalThis)) return Promise.resolve([]);
  if (speechSynthesis.getVoices().length > 0) return Promise.resolve(vietnameseVoices());
  return new Promise((resolve) => {
    const done = () => {
      speechSynthesis.removeEventListener('voiceschanged', done);
      clearTimeout(timer);
      resolve(vietnameseVoices());
    };
    const timer = setTimeout(done, LISTING_WAIT_MS);
    speechSynthesis.addEventListener('voiceschanged', done);
  });
}

/** The length of the word at `start` (a voice that reports no length). */
function wordEnd(text: string, start: number): number {
  const match = /^[\p{L}\p{M}\p{N}]+/u.exec(text.slice(start));
  return start + (match ? match[0].length : 1);
}

export class SystemVoice implements Voice {
  readonly kind = 'system';
  readonly name: string;
  /** Bumped by every piece and stop: the events of a piece replaced or stopped are ignored. */
  private turn = 0;

  constructor(private readonly voice: SpeechSynthesisVoice) {
    this.name = voice.name;
  }

  speak(text: string, speed: number, handlers: SpeakHandlers): void {
    const turn = ++this.turn;
    if (speechSynthesis.speaking || speechSynthesis.pending) speechSynthesis.cancel();
    // A paused synthesis stays paused for what comes next (Chromium): the new piece is to be heard.
    if (speechSynthesis.paused) speechSynthesis.resume();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang;
    utterance.rate = speed;
    const current = () => turn === this.turn;
    utterance.onboundary = (event) => {
      if (current() && event.name === 'word') handlers.onWord(event.charIndex, event.charLength ? event.charIndex + event.charLength : wordEnd(text, event.charIndex));
    };
    utterance.onstart = () => current() && handlers.onStart();
    utterance.onend = () => current() && handlers.onEnd();
    utterance.onerror = (event) => {
      if (current() && event.error !== 'interrupted' && event.error !== 'canceled') handlers.onError(event.error);
    };
    speechSynthesis.speak(utterance);
  }

  prepare(): void {
    // The system speaks as soon as it is given a piece.
  }

  pause(): void {
    speechSynthesis.pause();
  }

  resume(): void {
    speechSynthesis.resume();
  }

  stop(): void {
    this.turn += 1;
    speechSynthesis.cancel();
  }

  close(): void {
    this.stop();
  }
}
