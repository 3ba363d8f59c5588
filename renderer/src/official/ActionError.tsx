/**
 * The error of an official's form in words: the engine's own message (by its reference, in the screen's
 * language), with the fields it refused for invalid input — an official needs to know that a new
 * source needs a key, not only that "the request is not valid".
 */
import type { ClientError } from '../../../shared/client.js';
import { useT } from '../i18n.js';

export function ActionError({ error }: { error: ClientError | null }) {
  const t = useT();
  if (!error) return null;
  const generic = error.code === 'offline' || error.code === 'internal';
  return (
    <div className="form-error" role="alert">
      <p>{generic ? t(`error.${error.code}`) : error.ref ? t(error.ref.key, error.ref.params) : error.message}</p>
      {error.details && error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={`${detail.path} ${detail.message}`}>
              <code>{detail.path}</code>: {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
