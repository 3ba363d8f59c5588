/**
 * The reader's choice of voice and speed for reading aloud, remembered on this device like the
 * display modes (a kiosk's idle reset forgets it), and the voices to choose from: the system's
 * Vietnamese voices, then the app's own. "Tự chọn" takes the first of them.
 */
export const SPEEDS = [0.75, 1, 1.25, 1.5] as const;
export type Speed = (typeof SPEEDS)[number];

/** The name shown for the app's own voice (a proper name, the same in every language). */
export const OFFLINE_VOICE_NAME = 'eSpeak NG';

export const AUTO = 'auto';
export const OFFLINE = 'offline';

export interface SpeechSettings {
  /** AUTO, OFFLINE, or a system voice's voiceURI. */
  voice: string;
  speed: Speed;
}

export interface VoiceOption {
  id: string;
  kind: 'system' | 'offline';
  name: string;
}

const STORAGE_KEY = 'bookshelf.speech';
const DEFAULTS: SpeechSettings = { voice: AUTO, speed: 1 };

export function storedSettings(): SpeechSettings {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return DEFAULTS;
    const { voice, speed } = value as Record<string, unknown>;
    return {
      voice: typeof voice === 'string' ? voice : AUTO,
      speed: SPEEDS.find((s) => s === speed) ?? 1,
    };
  } catch {
    return DEFAULTS;
  }
}

export function storeSettings(settings: SpeechSettings): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered: the choice holds until the page is left.
  }
}

/** The voices to choose from: the system's Vietnamese ones first, the app's own last. */
export function voiceOptions(system: readonly SpeechSynthesisVoice[]): VoiceOption[] {
  return [...system.map((v): VoiceOption => ({ id: v.voiceURI, kind: 'system', name: v.name })), { id: OFFLINE, kind: 'offline', name: OFFLINE_VOICE_NAME }];
}

/** The voice a choice comes to: the one chosen while it is here, else the first (a system voice where there is one). */
export function voiceInUse(options: readonly VoiceOption[], chosen: string): VoiceOption {
  return options.find((o) => o.id === chosen) ?? options[0];
}

/** The speed after `speed`, round again to the slowest. */
export function nextSpeed(speed: Speed): Speed {
  return SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length];
}
