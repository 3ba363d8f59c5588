/** /search?q=… — search results. Placeholder until the results page lands. */
import { useSearchParams } from 'react-router';

export function SearchPage() {
  const [params] = useSearchParams();
  return <p>{params.get('q')}</p>;
}
