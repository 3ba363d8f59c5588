/**
 * Names shared by the preload bridge and the main-process IPC bindings: the global the bridge
 * is exposed as, and the IPC channel of each contract method. Pure, so the sandboxed preload
 * bundle can include it.
 */

/** `window.bookshelf` in the renderer. */
export const BRIDGE_KEY = 'bookshelf';

export const CHANNEL_PREFIX = 'bookshelf:';

/** The IPC channel of one contract method: `bookshelf:library.info`. */
export function channelOf(method: string): string {
  return `${CHANNEL_PREFIX}${method}`;
}
