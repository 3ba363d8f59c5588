/**
 * /read/:id?page=N&q=words — opens a publication's content file in the reader for its format
 * (PDF or EPUB, each loaded only when needed), counts the opening for "most read", and explains
 * plainly when the file is not on this station or cannot be read here. Opened from the
 * publication's page, it starts with the publication that page has (shown-publication.ts) and
 * the PDF reader that page loaded (reader/pdf/reader-module.ts): nothing to wait for but the file.
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { PublicationDetail } from '../../../shared/domain.js';
import { publicationFileUrl } from '../../../shared/urls.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { loadPdfReader, loadedPdfReader } from '../reader/pdf/reader-module.js';
import { publicationPath } from '../routes.js';
import { useCall } from '../use-call.js';
import { shownPublication } from './shown-publication.js';

const LazyPdfReader = lazy(async () => ({ default: await loadPdfReader() }));
const EpubReader = lazy(() => import('../reader/epub/EpubReader.js'));

export const PDF_TYPE = 'application/pdf';
export const EPUB_TYPE = 'application/epub+zip';

export function ReaderPage() {
  const { id = '' } = useParams();
  // Taken once: the publication page it was opened from is left as this page first renders.
  const [shown] = useState(() => shownPublication(id));
  return shown?.id === id ? <Reader publication={shown} /> : <FetchedReader id={id} />;
}

/** The reader of a publication asked from the engine (the reader page opened by its address). */
function FetchedReader({ id }: { id: string }) {
  const state = useCall('publications.get', { id });
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return <Reader publication={state.data} />;
}

function Reader({ publication }: { publication: PublicationDetail }) {
  const [params] = useSearchParams();
  const t = useT();
  // The PDF reader as it is when this page opens: loaded already, it is drawn without suspending
  // (and never swapped for the lazy one later, which would open the document again).
  const [PdfReader] = useState(() => loadedPdfReader() ?? LazyPdfReader);
  const file = publication.files.find((f) => f.role === 'content');
  const readable = file?.state === 'present';
  const { id } = publication;

  useEffect(() => {
    if (readable) client.call('reading.record', { id }).catch(() => undefined); // a count, never worth an error
  }, [id, readable]);

  if (!file || !readable) return <p className="notice">{t(file?.state === 'excluded' ? 'reader.notKept' : 'reader.notYet')}</p>;
  const page = Number(params.get('page'));
  const props = {
    publication,
    file,
    url: publicationFileUrl(id),
    initialPage: Number.isInteger(page) && page > 0 ? page : undefined,
    query: params.get('q') ?? undefined,
    backTo: publicationPath(id),
  };
  return (
    <Suspense fallback={<Loading />}>
      {file.mediaType === PDF_TYPE ? <PdfReader {...props} /> : file.mediaType === EPUB_TYPE ? <EpubReader {...props} /> : <p className="notice">{t('reader.unsupported')}</p>}
    </Suspense>
  );
}
