/**
 * The auto-updater's settings, from the station's settings table (pure: no Electron, testable
 * under Node). Two keys, written by `bookshelf` or, later, the officials' screen:
 *
 * - `update.url`: the hub's generic-provider folder (where `latest.yml` / `beta.yml` and the
 *   installers are published). Unset: the URL baked in at build time (electron-builder's
 *   `publish.url`, in the package's app-update.yml) is used.
 * - `update.channel`: 'latest' (default) or 'beta'.
 *
 * Only https is accepted, except http on the machine itself (127.0.0.1, ::1, localhost) for a
 * local mirror or tests: electron-updater 6 trusts the manifest (and its sha512) as far as the
 * transport is trusted (security notes, case 19). Downgrades are never allowed, whatever the
 * channel: a replayed older `latest.yml` installs nothing.
 */

import { UPDATE_CHANNELS, UPDATE_CHANNEL_KEY, UPDATE_URL_KEY, isChannel, updateUrlProblem } from '../shared/update-settings.js';
import type { UpdateChannel } from '../shared/update-settings.js';
import type { StoredUpdateSettings } from '../catalog/updates/settings.js';

export { UPDATE_CHANNELS, UPDATE_CHANNEL_KEY, UPDATE_URL_KEY, updateUrlProblem };

/** How often a running app looks for an update (besides once at start). */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface UpdateConfig {
  provider: 'generic';
  /** null: the build's own publish URL (app-update.yml). */
  url: string | null;
  channel: UpdateChannel;
  allowDowngrade: false;
  allowPrerelease: boolean;
  autoDownload: true;
  autoInstallOnAppQuit: true;
}

export type UpdateConfigResult = { ok: true; config: UpdateConfig } | { ok: false; reason: string };

/** The station's update settings → electron-updater's, or why they are refused. */
export function resolveUpdateConfig(stored: StoredUpdateSettings): UpdateConfigResult {
  const rawUrl = stored.url?.trim() || null;
  const rawChannel = stored.channel?.trim() || 'latest';
  if (rawUrl !== null) {
    const problem = updateUrlProblem(rawUrl);
    if (problem) return { ok: false, reason: problem };
  }
  // An unknown channel is refused rather than read as 'latest': a typo must not quietly move a
  // station to another release line.
  if (!isChannel(rawChannel)) return { ok: false, reason: `${UPDATE_CHANNEL_KEY} must be ${UPDATE_CHANNELS.join(' or ')}: ${rawChannel}` };
  return {
    ok: true,
    config: {
      provider: 'generic',
      url: rawUrl,
      channel: rawChannel,
      allowDowngrade: false,
      allowPrerelease: rawChannel !== 'latest',
      autoDownload: true,
      autoInstallOnAppQuit: true,
    },
  };
}

/**
 * Whether this kind of install updates itself. Windows (NSIS) and macOS do; on Linux only the
 * AppImage (electron-updater sets $APPIMAGE): the .deb would be installed through pkexec/sudo, a
 * password prompt over the kiosk, so a .deb station is updated by its package manager instead.
 */
export function selfUpdating(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  if (platform === 'linux') return Boolean(env.APPIMAGE);
  return false;
}
