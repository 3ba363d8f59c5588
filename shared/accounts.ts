/**
 * Staff accounts: librarians and officials sign in at the station; residents never do. The
 * shapes the contract carries and the rules for names and passwords, checked on both sides.
 */
import { z } from 'zod';

export const STAFF_ROLES = ['librarian', 'official'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is signed in on this screen. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
}

export interface StaffAccount extends StaffUser {
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** What a screen needs before it shows staff pages. */
export interface AuthState {
  /** No official account yet: the first start asks for one. */
  firstRun: boolean;
  user: StaffUser | null;
  /** Whether this screen may sign in at all (a phone on the LAN may not, unless an official allowed it). */
  signInAllowed: boolean;
  /**
   * Whether this screen may create the first official (firstRun only): at the station itself,
   * outside kiosk mode. A kiosk or a phone on the LAN is told how to do it at the station instead.
   */
  setupAllowed: boolean;
  /** When the session ends without activity (ISO time), if signed in. */
  expiresAt: string | null;
}

/** One change made by a librarian or an official. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  /** The contract method (or engine action) that made the change. */
  action: string;
  /** What it changed, in short: ids, names, settings (never a password). */
  detail: string;
}

export const PASSWORD_MIN = 8;
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { message: 'username' });
export const passwordSchema = z.string().min(PASSWORD_MIN).max(200);
export const displayNameSchema = z.string().trim().min(1).max(120);
