/**
 * The offline voice's synthesis (renderer/src/text/speech/espeak-synth.ts) run in Node on the
 * very data the build ships (build/espeak-vietnamese.ts: the Vietnamese 0.7 MB of the package's
 * 24 MB): eSpeak NG speaks Vietnamese from it, with sound, each word's place in the text and its
 * time in the audio; a higher speed is quicker; the piece's pieces (./pieces.ts) read a heading
 * with its number and skip a row of dots; capitals are read as words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnameseData } from '../../build/espeak-vietnamese.js';
import { startEspeak, synthesize, wordAt } from '../../renderer/src/text/speech/espeak-synth.js';
import type { EspeakFactory, EspeakWorker } from '../../renderer/src/text/speech/espeak-synth.js';
import { piecesOf } from '../../renderer/src/text/speech/pieces.js';
import { spokenForm } from '../../renderer/src/text/speech/voice.js';

const PACKAGE = '@echogarden/espeak-ng-emscripten';
let espeak: EspeakWorker;

beforeAll(async () => {
  const data = vietnameseData();
  const bytes = data.bytes.buffer.slice(data.bytes.byteOffset, data.bytes.byteOffset + data.bytes.length) as ArrayBuffer;
  const { default: create } = (await import(PACKAGE)) as { default: EspeakFactory };
  espeak = await startEspeak(create, { bytes, size: data.size, ranges: data.ranges });
});

const peak = (samples: Int16Array) => samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0) / 32768;

describe('the offline voice', () => {
  it('ships only the Vietnamese part of eSpeak NG’s data, with its licence', () => {
    const data = vietnameseData();
    expect(data.bytes.length).toBeLessThan(1_000_000);
    expect(data.size).toBeGreaterThan(20_000_000);
    expect(data.licence).toContain('GNU GENERAL PUBLIC LICENSE');
  });

  it('speaks Vietnamese with sound, each word placed in the text and in time', () => {
    const text = 'Người lao động có quyền nghỉ hằng năm 12 ngày.';
    const spoken = synthesize(espeak, text, 1);
    const seconds = spoken.samples.length / spoken.sampleRate;
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(8);
    expect(peak(spoken.samples)).toBeGreaterThan(0.1);
    expect(spoken.words.map((w) => text.slice(w.start, w.end))).toEqual(['Người', 'lao', 'động', 'có', 'quyền', 'nghỉ', 'hằng', 'năm', '12', 'ngày']);
    const times = spoken.words.map((w) => w.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeLessThan(seconds);
    // Halfway through the audio, a word in the middle is being spoken.
    expect(wordAt(spoken.words, seconds / 2)).toBeGreaterThan(2);
    expect(wordAt(spoken.words, -1)).toBe(-1);
  });

  it('reads faster at a higher speed', () => {
    const text = 'Điều 5. Quyền và nghĩa vụ của người sử dụng lao động';
    const normal = synthesize(espeak, text, 1).samples.length;
    const fast = synthesize(espeak, text, 1.5).samples.length;
    expect(fast).toBeLessThan(normal * 0.8);
  });

  it('reads a heading with its number, a paragraph sentence by sentence, and skips what says nothing', () => {
    const text = 'Luật này quy định. Họ tên: ........ Ký tên.';
    const sentences = [0, text.indexOf('Họ'), text.indexOf('........'), text.indexOf('Ký')];
    const pieces = piecesOf([
      { kind: 'heading', level: 'article', section: 7, label: 'Điều 5', text: 'Phạm vi điều chỉnh', page: 2, marks: [] },
      { kind: 'paragraph', section: 7, text, sentences, marks: [] },
    ]);
    expect(pieces.map((p) => p.text.trim())).toEqual(['Điều 5. Phạm vi điều chỉnh', 'Luật này quy định.', 'Họ tên:', 'Ký tên.']);
    expect(pieces.map((p) => p.offset)).toEqual([null, 0, sentences[1], sentences[3]]);
    expect(piecesOf([{ kind: 'paragraph', section: null, text: '........', sentences: [0], marks: [] }])).toEqual([]);
    expect(spokenForm('NHỮNG QUY ĐỊNH CHUNG')).toBe('những quy định chung');
    expect(spokenForm('Luật số 41/2024/QH15')).toBe('Luật số 41/2024/QH15');
  });
});
