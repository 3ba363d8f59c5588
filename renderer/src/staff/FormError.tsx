/** The error of a staff form in words: the server's message (already in the screen's language), or the generic one for its code. */
import type { ClientError } from '../../../shared/client.js';
import { useT } from '../i18n.js';

export function FormError({ error }: { error: ClientError | null }) {
  const t = useT();
  if (!error) return null;
  const generic = error.code === 'offline' || error.code === 'internal' || error.code === 'invalid_input';
  return (
    <p className="form-error" role="alert">
      {generic ? t(`error.${error.code}`) : error.message}
    </p>
  );
}
