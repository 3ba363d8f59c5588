/**
 * Reading aloud, watched from the page: the audio the app's own voice (eSpeak NG) really plays,
 * and a Windows-like Vietnamese system voice whose speechSynthesis records what it is given (its
 * events fired by the test) — the only thing stubbed, since Chromium here has no system voice.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    /** Every sound played: its length and loudest sample. */
    heard: { seconds: number; peak: number }[];
    contexts: AudioContext[];
    /** What was given to speechSynthesis (with a stubbed system voice). */
    queued: { text: string; lang: string; voice: string; rate: number }[];
    calls: string[];
    utterance: SpeechSynthesisUtterance | null;
  }
}

/** Records the audio the page plays (real Web Audio, listened to at the source). */
export async function listenToAudio(page: Page) {
  await page.addInitScript(() => {
    window.heard = [];
    window.contexts = [];
    const Original = window.AudioContext;
    window.AudioContext = class extends Original {
      constructor(options?: AudioContextOptions) {
        super(options);
        window.contexts.push(this);
      }
    };
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (...args: Parameters<AudioBufferSourceNode['start']>) {
      const samples = this.buffer?.getChannelData(0) ?? new Float32Array();
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      window.heard.push({ seconds: this.buffer?.duration ?? 0, peak });
      return start.apply(this, args);
    };
  });
}

/** A Windows-like Vietnamese voice in the list, and speechSynthesis recording what it is given (events fired by the test). */
export async function systemVoice(page: Page) {
  await page.addInitScript(() => {
    window.queued = [];
    window.calls = [];
    window.utterance = null;
    const an = { name: 'Microsoft An - Vietnamese (Vietnam)', lang: 'vi-VN', voiceURI: 'Microsoft An - Vietnamese (Vietnam)', localService: true, default: false };
    const voices = new WeakMap<SpeechSynthesisUtterance, { name: string }>();
    Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
      get() {
        return voices.get(this) ?? null;
      },
      set(voice: { name: string }) {
        voices.set(this, voice);
      },
    });
    const synthesis = window.speechSynthesis;
    synthesis.getVoices = () => [an as unknown as SpeechSynthesisVoice];
    synthesis.speak = (u) => {
      window.queued.push({ text: u.text, lang: u.lang, voice: voices.get(u)?.name ?? '', rate: u.rate });
      window.utterance = u;
      setTimeout(() => u.onstart?.(new Event('start') as SpeechSynthesisEvent), 0);
    };
    for (const name of ['pause', 'resume', 'cancel'] as const) synthesis[name] = () => window.calls.push(name);
  });
}
