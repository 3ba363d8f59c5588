/** Updates of the installed app as officials see them: where it looks, on which line, and what the updater is doing. */
import type { UpdateChannel } from './update-settings.js';

export const UPDATE_PHASES = ['not_in_app', 'idle', 'checking', 'downloading', 'ready', 'current', 'error'] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

export interface UpdaterState {
  /**
   * not_in_app: served mode or an install its package manager updates (nothing to do here);
   * ready: a new version is downloaded and installs when the app next quits.
   */
  phase: UpdatePhase;
  /** The version found (available, downloading or ready). */
  version: string | null;
  /** Download progress, 0–100, while downloading. */
  percent: number | null;
  /** When the updater last looked (ISO time). */
  checkedAt: string | null;
  /** The last failure, as the updater said it. */
  error: string | null;
}

export interface UpdateStatus extends UpdaterState {
  appVersion: string;
  /** The station's update server; null: the installer's own. */
  url: string | null;
  channel: UpdateChannel;
}
