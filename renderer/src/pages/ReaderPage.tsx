/**
 * /read/:id?page=N&q=words — opens a publication's content file in the reader for its format
 * (PDF or EPUB, each loaded only when needed), counts the opening for "most read", and explains
 * plainly when the file is not on this station or cannot be read here.
 */
import { Suspense, lazy, useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { publicationFileUrl } from '../../../shared/urls.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { publicationPath } from '../routes.js';
import { useCall } from '../use-call.js';

const PdfReader = lazy(() => import('../reader/pdf/PdfReader.js'));
const EpubReader = lazy(() => import('../reader/epub/EpubReader.js'));

export const PDF_TYPE = 'application/pdf';
export const EPUB_TYPE = 'application/epub+zip';

export function ReaderPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const state = useCall('publications.get', { id });
  const file = state.status === 'ok' ? state.data.files.find((f) => f.role === 'content') : undefined;
  const readable = file?.state === 'present';

  useEffect(() => {
    if (readable) client.call('reading.record', { id }).catch(() => undefined); // a count, never worth an error
  }, [id, readable]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const publication = state.data;
  const backTo = publicationPath(publication.id);
  if (!file || !readable) return <p className="notice">{t(file?.state === 'excluded' ? 'reader.notKept' : 'reader.notYet')}</p>;
  const page = Number(params.get('page'));
  const props = {
    publication,
    file,
    url: publicationFileUrl(publication.id),
    initialPage: Number.isInteger(page) && page > 0 ? page : undefined,
    query: params.get('q') ?? undefined,
    backTo,
  };
  return (
    <Suspense fallback={<Loading />}>
      {file.mediaType === PDF_TYPE ? <PdfReader {...props} /> : file.mediaType === EPUB_TYPE ? <EpubReader {...props} /> : <p className="notice">{t('reader.unsupported')}</p>}
    </Suspense>
  );
}
