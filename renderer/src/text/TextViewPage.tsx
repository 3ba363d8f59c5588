/**
 * /text/:id?section=&part=&q= — the text view: a document's text reflowed by articles in the
 * station's large type and contrast (the display modes scale it), readable on a phone, with its
 * table of contents, its parts for a long code, the search words marked, and "Nghe" at the foot
 * of the screen to hear it read aloud from where the reader is looking. Opened at an article from
 * a search hit (section), it starts there. A document without text says so and offers the reader.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { PublicationText, TextHeading } from '../../../shared/contract/reading.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ArrowLeftIcon, OpenIcon } from '../components/icons.js';
import { KindTag } from '../components/Badges.js';
import { Loading } from '../components/Loading.js';
import { NotFound } from '../components/NotFound.js';
import { useT } from '../i18n.js';
import { publicationPath, readerPath } from '../routes.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ReadAloudBar } from './ReadAloudBar.js';
import { TextContents } from './TextContents.js';
import { TextFlow, sectionAnchor } from './TextFlow.js';
import { TextParts } from './TextParts.js';
import { useReadAloud } from './speech/use-read-aloud.js';
import './text-view.css';

/** A whole number from a URL parameter, or undefined. */
function whole(value: string | null, min: number): number | undefined {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= min ? n : undefined;
}

/** The same place without the search words marked. */
function withoutWords(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete('q');
  return `?${next.toString()}`;
}

export function TextViewPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const part = whole(params.get('part'), 0);
  const section = whole(params.get('section'), 1);
  // With a part, the section only says where to scroll: a jump within the part loads nothing.
  const call = useCall('publications.text', part !== undefined ? { id, part, q } : { id, section, q });
  // What was shown stays while the next part loads.
  const [shown, setShown] = useState<PublicationText | null>(null);
  useEffect(() => {
    if (call.status === 'ok') setShown(call.data);
  }, [call]);
  const text = shown?.id === id ? shown : null;
  useDocumentTitle(text?.title ?? null);

  useEffect(() => {
    if (text?.hasText) client.call('reading.record', { id: text.id }).catch(() => undefined); // a count, never worth an error
  }, [text?.id, text?.hasText]);

  if (call.status === 'error' && call.error.code === 'not_found') return <NotFound />;
  return (
    <article className="text-view" aria-labelledby="text-title" aria-busy={call.status === 'loading'}>
      <p className="back">
        <Link to={publicationPath(id)} className="back-link" data-testid="text-back">
          <ArrowLeftIcon />
          <span>{t('textView.back')}</span>
        </Link>
      </p>
      {call.status === 'error' && <ErrorMessage error={call.error} onRetry={call.retry} />}
      {!text && call.status === 'loading' && <Loading />}
      {text && <TextView text={text} q={q} section={section ?? null} />}
    </article>
  );
}

function TextView({ text, q, section }: { text: PublicationText; q: string; section: number | null }) {
  const t = useT();
  const [params] = useSearchParams();
  const reading = useReadAloud(text.blocks);
  const flow = useRef<HTMLDivElement>(null);

  const searchFor = (at: { part: number; section?: number }) => {
    const next = new URLSearchParams();
    next.set('part', String(at.part));
    if (at.section !== undefined) next.set('section', String(at.section));
    if (q) next.set('q', q);
    return `?${next.toString()}`;
  };

  // Opened at an article, or moved to one or to another part: start there (focus for keyboards and screen readers).
  const place = params.toString();
  const partAsked = params.has('part');
  useEffect(() => {
    const target = section !== null ? document.getElementById(sectionAnchor(section)) : partAsked ? flow.current : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [place, text.part, section, partAsked]);

  /** The heading each block is under (its article, or division), for "Đang đọc: Điều 5". */
  const headingOf = useMemo(() => {
    const under: (TextHeading | null)[] = [];
    const byId = new Map(text.contents.map((h) => [h.section, h]));
    let current: TextHeading | null = null;
    for (const block of text.blocks) {
      if (block.kind === 'heading') current = byId.get(block.section) ?? null;
      else if (block.section !== null) current = byId.get(block.section) ?? current;
      under.push(current);
    }
    return under;
  }, [text]);

  const readingBlock = reading.piece?.block ?? null;
  const readingHeading = readingBlock === null ? null : headingOf[readingBlock];
  const firstHeading = text.blocks.find((b) => b.kind === 'heading')?.section ?? null;
  const current = readingHeading?.section ?? section ?? firstHeading;
  const currentPage = text.contents.find((h) => h.section === current)?.page ?? undefined;

  /** Reading starts at the first block on screen: where the reader is looking (the article opened at its heading). */
  const listen = () => {
    const top = [...(flow.current?.querySelectorAll<HTMLElement>('[data-block]') ?? [])].find((el) => el.getBoundingClientRect().bottom > 8);
    reading.play(top ? Number(top.dataset.block) : 0);
  };

  if (!text.hasText) return <NoText text={text} />;
  return (
    <>
      <header className="text-view-header">
        <KindTag kind={text.kind} />
        <h1 id="text-title" data-testid="text-title">
          {text.title}
        </h1>
        {text.number && <p className="lead doc-number">{text.number}</p>}
      </header>
      {text.readable && (
        <p className="text-tools">
          <Link className="button" to={readerPath(text.id, { page: currentPage, q: q || undefined })} data-testid="read-original">
            <OpenIcon />
            <span>{t('textView.readOriginal')}</span>
          </Link>
        </p>
      )}
      {q && (
        <p className="text-searched">
          {t('textView.searched', { q })} <Link to={{ search: withoutWords(params) }}>{t('textView.clearMarks')}</Link>
        </p>
      )}
      <div className={`text-layout${text.contents.length > 0 ? ' with-contents' : ''}`}>
        {text.contents.length > 0 && <TextContents contents={text.contents} current={current} searchFor={(h) => searchFor({ part: h.part, section: h.section })} />}
        <div className="text-body" ref={flow} tabIndex={-1}>
          <TextParts text={text} searchFor={(p) => searchFor({ part: p })} />
          <TextFlow blocks={text.blocks} speaking={{ piece: reading.piece, word: reading.word }} />
          <TextParts text={text} searchFor={(p) => searchFor({ part: p })} />
        </div>
      </div>
      <ReadAloudBar reading={reading} place={readingHeading?.label ?? t('textView.opening')} onListen={listen} />
    </>
  );
}

function NoText({ text }: { text: PublicationText }) {
  const t = useT();
  return (
    <>
      <header className="text-view-header">
        <h1 id="text-title" data-testid="text-title">
          {text.title}
        </h1>
      </header>
      <div className="notice pending" data-testid="no-text">
        <p>{t('textView.noText')}</p>
        <p>{t(text.readable ? 'textView.noTextReadable' : 'textView.noTextNoFile')}</p>
        {text.readable && (
          <Link className="button primary big" to={readerPath(text.id)} data-testid="read-original">
            <OpenIcon />
            <span>{t('textView.readOriginal')}</span>
          </Link>
        )}
      </div>
    </>
  );
}
