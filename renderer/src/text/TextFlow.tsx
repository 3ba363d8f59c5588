/**
 * The text of one part, reflowed: division headings (Phần, Chương, Mục) centred, articles with
 * their number in bold, clauses and points as paragraphs, the search words marked; while it is
 * read aloud, the paragraph, the sentence and the word being spoken are marked too, and the page
 * keeps the paragraph in view.
 */
import { useEffect, useRef } from 'react';
import type { TextBlock } from '../../../shared/contract/reading.js';
import type { Piece } from './speech/pieces.js';
import { segmentsOf } from './segments.js';

/** A point or an indented item ("a)", "-", "+"): set in from the clause it belongs to. */
const POINT = /^(?:\p{Ll}\)|\([\p{Ll}\d]{1,4}\)|[-–—+•])\s/u;

export const sectionAnchor = (section: number) => `section-${section}`;

interface Speaking {
  piece: Piece | null;
  word: [number, number] | null;
}

export function TextFlow({ blocks, speaking }: { blocks: readonly TextBlock[]; speaking: Speaking }) {
  const divisions = blocks.some((b) => b.kind === 'heading' && b.level !== 'article');
  const speakingBlock = speaking.piece?.block ?? null;
  const flow = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = speakingBlock === null ? null : flow.current?.querySelector(`[data-block="${speakingBlock}"]`);
    if (!element) return;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight * 0.8) {
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      element.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    }
  }, [speakingBlock]);

  return (
    <div className="text-flow" lang="vi" ref={flow}>
      {blocks.map((block, index) => {
        const speakingHere = index === speakingBlock;
        if (block.kind === 'heading') {
          const Tag = block.level === 'article' ? (divisions ? 'h3' : 'h2') : 'h2';
          return (
            <Tag
              key={index}
              id={sectionAnchor(block.section)}
              tabIndex={-1}
              data-block={index}
              className={`text-heading text-${block.level}${speakingHere ? ' speaking' : ''}`}
            >
              <span className="text-label">
                {block.label}
                {block.level === 'article' && block.text ? '.' : ''}
              </span>{' '}
              <span className="text-title">
                <Marked text={block.text} marks={block.marks} spoken={null} word={null} />
              </span>
            </Tag>
          );
        }
        const piece = speakingHere ? speaking.piece : null;
        return (
          <p key={index} data-block={index} className={`text-paragraph${POINT.test(block.text) ? ' text-point' : ''}${block.section === null ? ' text-opening' : ''}${speakingHere ? ' speaking' : ''}`}>
            <Marked text={block.text} marks={block.marks} spoken={piece ? [piece.start, piece.end] : null} word={speakingHere ? speaking.word : null} />
          </p>
        );
      })}
    </div>
  );
}

function Marked({ text, marks, spoken, word }: { text: string; marks: [number, number][]; spoken: [number, number] | null; word: [number, number] | null }) {
  if (marks.length === 0 && !spoken) return <>{text}</>;
  return (
    <>
      {segmentsOf(text.length, marks, spoken, word).map(({ start, end, marked, spoken: inSentence, word: isWord }) => {
        const piece = text.slice(start, end);
        const className = [inSentence && 'spoken', isWord && 'spoken-word'].filter(Boolean).join(' ') || undefined;
        if (marked) return <mark key={start} className={className}>{piece}</mark>;
        return className ? <span key={start} className={className}>{piece}</span> : piece;
      })}
    </>
  );
}
