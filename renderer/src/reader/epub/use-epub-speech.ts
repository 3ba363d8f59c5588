/**
 * "Nghe" in the EPUB reader: the chapter shown read aloud from the top of the page, sentence by
 * sentence, in the voice chosen (../../text/speech/), the sentence and the word marked in the
 * book (./chapter-speech.ts); the pages turn with the voice, and at a chapter's end it goes on
 * with the next. Turning to another chapter by hand stops it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TextBlock } from '../../../../shared/contract/reading.js';
import { useReadAloud } from '../../text/speech/use-read-aloud.js';
import type { ReadAloud } from '../../text/speech/use-read-aloud.js';
import { blockRange, chapterSpeech, markSpoken, onPage, startOfPage } from './chapter-speech.js';
import type { ChapterSpeech } from './chapter-speech.js';
import type { OpenBook } from './use-epub-book.js';

const NO_BLOCKS: TextBlock[] = [];

export interface EpubSpeech {
  reading: ReadAloud;
  /** Reading, or going on to the next chapter to read it (the controls stay: the page's layout does not change between chapters). */
  active: boolean;
  /** Starts reading at the top of the page shown. */
  listen(): void;
}

export function useEpubSpeech(book: OpenBook): EpubSpeech {
  const { shownPage, showRange, nextSection, position } = book;
  const [chapter, setChapter] = useState<ChapterSpeech | null>(null);
  const [continuing, setContinuing] = useState(false);
  /** Where to start once the chapter's blocks are the reading's. */
  const startAt = useRef<{ block: number; offset: number } | null>(null);

  const read = useCallback((next: ChapterSpeech, start: { block: number; offset: number }) => {
    startAt.current = start;
    setChapter(next);
  }, []);

  const onFinished = useCallback(() => {
    setContinuing(true);
    void nextSection()
      .then((moved) => {
        const page = moved ? shownPage() : null;
        if (page) read(chapterSpeech(page.section, page.doc), { block: 0, offset: 0 });
      })
      .finally(() => setContinuing(false));
  }, [nextSection, shownPage, read]);

  const reading = useReadAloud(chapter?.blocks ?? NO_BLOCKS, { onFinished });
  const { play, stop, piece, word, status } = reading;

  useEffect(() => {
    const start = startAt.current;
    if (!chapter || !start) return;
    startAt.current = null;
    play(start.block, start.offset);
  }, [chapter, play]);

  /**
   * Whether the chapter read is still the one on screen, in the same frame. Another chapter shown
   * by hand stops the reading; the same chapter laid out again in a new frame (epub.js does so
   * after some resizes) goes on there, from the sentence being read.
   */
  const stillShown = useCallback((): boolean => {
    const page = shownPage();
    if (!chapter || !page || page.doc === chapter.doc) return true;
    if (page.section !== chapter.section) stop();
    else read(chapterSpeech(page.section, page.doc), { block: piece?.block ?? 0, offset: piece?.start ?? 0 });
    return false;
  }, [chapter, piece, shownPage, stop, read]);

  // The sentence and the word marked; the page turned when the voice reads past it.
  useEffect(() => {
    if (!chapter || (status !== 'idle' && !stillShown())) return;
    const sentence = piece ? blockRange(chapter, piece.block, piece.start, piece.end) : null;
    const said = piece && word ? blockRange(chapter, piece.block, word[0], word[1]) : null;
    markSpoken(chapter.doc, sentence, said);
    const target = said ?? sentence;
    const page = target && shownPage();
    if (target && page && !onPage(target, page)) void showRange(chapter.section, target);
    // `stillShown` changes with each piece: it is checked then, not on its own.
  }, [chapter, piece, word, status, shownPage, showRange]);

  // A page shown by hand (or laid out again) while reading.
  useEffect(() => {
    if (status !== 'idle') stillShown();
    // Checked when the page changes, not when the reading does.
  }, [position]);

  const listen = useCallback(() => {
    const page = shownPage();
    if (!page) return;
    const next = chapterSpeech(page.section, page.doc);
    read(next, startOfPage(next, page.start));
  }, [shownPage, read]);

  return { reading, active: continuing || status !== 'idle', listen };
}
