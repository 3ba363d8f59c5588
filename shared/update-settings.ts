/**
 * The station's update settings (`update.url`, `update.channel`) and their checks, shared by the
 * Electron updater (electron/update-config.ts) and `bookshelf update` (catalog/cli/update.ts).
 * Only https update servers, except http on the machine itself for a local mirror or tests.
 */

export const UPDATE_URL_KEY = 'update.url';
export const UPDATE_CHANNEL_KEY = 'update.channel';
export const UPDATE_CHANNELS = ['latest', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `url` cannot be an update server, or null when it can. */
export function updateUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${UPDATE_URL_KEY} is not a URL: ${url}`;
  }
  if (parsed.username || parsed.password) return `${UPDATE_URL_KEY} must not carry a user name or password`;
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname)) return null;
  return `${UPDATE_URL_KEY} must be https (http only on 127.0.0.1 or localhost): ${url}`;
}

export function isChannel(value: string): value is UpdateChannel {
  return (UPDATE_CHANNELS as readonly string[]).includes(value);
}

