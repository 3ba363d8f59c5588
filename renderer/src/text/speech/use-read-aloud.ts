/**
 * Reading a part of a text aloud ("Nghe"): piece after piece (./pieces.ts) from the block asked
 * for, with pause and resume, the next or previous paragraph, and the speed; the piece and the
 * word being spoken are given to the page to mark. The voice is chosen automatically — the
 * system's Vietnamese voice where the device has one, else the app's own (eSpeak NG) — unless
 * the reader chose one (./settings.ts). Another part, or leaving the page, stops the reading;
 * at the end of the blocks given, `onFinished` may give the next (the EPUB reader's next chapter).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TextBlock } from '../../../../shared/contract/reading.js';
import { OfflineVoice } from './offline-voice.js';
import { piecesOf } from './pieces.js';
import type { Piece } from './pieces.js';
import { storeSettings, storedSettings, voiceInUse, voiceOptions } from './settings.js';
import type { Speed, SpeechSettings, VoiceOption } from './settings.js';
import { SystemVoice, listVietnameseVoices, vietnameseVoices } from './system-voice.js';
import { spokenForm } from './voice.js';
import type { Voice } from './voice.js';

export type ReadStatus = 'idle' | 'starting' | 'playing' | 'paused';

export interface ReadAloud {
  status: ReadStatus;
  /** The piece being read (null when idle). */
  piece: Piece | null;
  /** The word being spoken, [start, end) in the piece's block. */
  word: [number, number] | null;
  /** The last reading stopped on an error of the voice. */
  failed: boolean;
  settings: SpeechSettings;
  /** The voices to choose from (only the app's own until the system has listed its voices). */
  options: VoiceOption[];
  /** The voice reading (or that will read). */
  using: VoiceOption;
  chooseVoice(id: string): void;
  setSpeed(speed: Speed): void;
  /** Starts reading at block `from`, with the piece holding character `offset` of it (its first by default). */
  play(from: number, offset?: number): void;
  pause(): void;
  resume(): void;
  stop(): void;
  next(): void;
  previous(): void;
}

export interface ReadAloudOptions {
  /** The last piece was read to its end (not stopped): the reader may go on elsewhere. */
  onFinished?(): void;
}

export function useReadAloud(blocks: readonly TextBlock[], { onFinished }: ReadAloudOptions = {}): ReadAloud {
  const pieces = useMemo(() => piecesOf(blocks), [blocks]);
  const [system, setSystem] = useState<SpeechSynthesisVoice[]>([]);
  const [settings, setSettings] = useState<SpeechSettings>(storedSettings);
  const [status, setStatus] = useState<ReadStatus>('idle');
  const [at, setAt] = useState<number | null>(null);
  const [word, setWord] = useState<[number, number] | null>(null);
  const [failed, setFailed] = useState(false);

  const options = useMemo(() => voiceOptions(system), [system]);
  const using = voiceInUse(options, settings.voice);

  // What the callbacks of a voice read when they fire (later than the render that made them).
  const live = useRef({ pieces, at, status, settings, using, onFinished });
  live.current = { pieces, at, status, settings, using, onFinished };
  const voices = useRef(new Map<string, Voice>());
  /** The system's voices, listed: reading waits for them, so a device's own voice is not passed over in the first second. */
  const listed = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    let current = true;
    listed.current = listVietnameseVoices().then((found) => {
      if (!current) return;
      setSystem(found);
      live.current.using = voiceInUse(voiceOptions(found), live.current.settings.voice);
    });
    const held = voices.current;
    return () => {
      current = false;
      for (const voice of held.values()) voice.close();
      held.clear();
    };
  }, []);

  const voiceFor = useCallback(
    (option: VoiceOption): Voice => {
      let voice = voices.current.get(option.id);
      if (!voice) {
        const found = vietnameseVoices().find((v) => v.voiceURI === option.id);
        voice = option.kind === 'system' && found ? new SystemVoice(found) : new OfflineVoice();
        voices.current.set(option.id, voice);
      }
      return voice;
    },
    [],
  );

  const halt = useCallback(() => {
    for (const voice of voices.current.values()) voice.stop();
    setStatus('idle');
    setAt(null);
    setWord(null);
  }, []);

  const speakAt = useCallback(
    (index: number) => {
      const { pieces: all, settings: chosen, using: option } = live.current;
      const piece = all[index];
      for (const voice of voices.current.values()) voice.stop();
      if (!piece) {
        halt();
        return;
      }
      const voice = voiceFor(option);
      setAt(index);
      setWord(null);
      setFailed(false);
      setStatus((s) => (s === 'playing' ? 'playing' : 'starting'));
      voice.speak(spokenForm(piece.text), chosen.speed, {
        onStart: () => setStatus('playing'),
        onWord: (start, end) => piece.offset !== null && setWord([piece.offset + start, piece.offset + end]),
        onEnd: () => {
          if (index + 1 < live.current.pieces.length) speakAt(index + 1);
          else {
            halt();
            live.current.onFinished?.();
          }
        },
        onError: () => {
          halt();
          setFailed(true);
        },
      });
      const following = all[index + 1];
      if (following) voice.prepare(spokenForm(following.text), chosen.speed);
    },
    [halt, voiceFor],
  );

  // Another part of the text: what was being read is gone.
  useEffect(() => halt, [pieces, halt]);

  const firstOfBlock = (from: number, offset = 0) => live.current.pieces.findIndex((p) => p.block > from || (p.block === from && p.end > offset));

  const play = useCallback(
    (from: number, offset = 0) => {
      setStatus('starting');
      void listed.current.then(() => {
        const index = firstOfBlock(from, offset);
        if (index >= 0) speakAt(index);
        else halt();
      });
    },
    [halt, speakAt],
  );

  const pause = useCallback(() => {
    for (const voice of voices.current.values()) voice.pause();
    setStatus('paused');
  }, []);

  const resume = useCallback(() => {
    if (live.current.at === null) return;
    voiceFor(live.current.using).resume();
    setStatus('playing');
  }, [voiceFor]);

  const next = useCallback(() => {
    const { pieces: all, at: index } = live.current;
    if (index === null) return;
    const following = all.findIndex((p) => p.block > all[index].block);
    if (following < 0) halt();
    else speakAt(following);
  }, [halt, speakAt]);

  const previous = useCallback(() => {
    const { pieces: all, at: index } = live.current;
    if (index === null) return;
    const block = all[index].block;
    const before = all.slice(0, index).findLast((p) => p.block < block);
    speakAt(before ? firstOfBlock(before.block) : firstOfBlock(block));
  }, [speakAt]);

  const change = useCallback(
    (update: Partial<SpeechSettings>) => {
      const changed = { ...live.current.settings, ...update };
      storeSettings(changed);
      setSettings(changed);
      live.current.settings = changed;
      live.current.using = voiceInUse(options, changed.voice);
      // Heard again from the start of the piece, as now chosen.
      if (live.current.at !== null && live.current.status !== 'idle') speakAt(live.current.at);
    },
    [options, speakAt],
  );

  return {
    status,
    piece: at === null ? null : (pieces[at] ?? null),
    word,
    failed,
    settings,
    options,
    using,
    chooseVoice: (id) => change({ voice: id }),
    setSpeed: (speed) => change({ speed }),
    play,
    pause,
    resume,
    stop: halt,
    next,
    previous,
  };
}
