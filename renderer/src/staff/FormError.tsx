/** The error of a staff form in words: the engine's message (by its reference, in the screen's language), or the generic one for its code. */
import type { ClientError } from '../../../shared/client.js';
import { useT } from '../i18n.js';

export function FormError({ error }: { error: ClientError | null }) {
  const t = useT();
  if (!error) return null;
  const generic = error.code === 'offline' || error.code === 'internal' || error.code === 'invalid_input';
  return (
    <p className="form-error" role="alert">
      {generic ? t(`error.${error.code}`) : error.ref ? t(error.ref.key, error.ref.params) : error.message}
    </p>
  );
}
