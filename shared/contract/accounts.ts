/**
 * Contract methods of staff accounts: the first official, signing in and out, accounts kept by
 * officials, and the audit log. Sessions live on the transport (an HttpOnly cookie, or the
 * Electron window): a token never reaches page scripts.
 */
import { z } from 'zod';
import { STAFF_ROLES, displayNameSchema, passwordSchema, usernameSchema } from '../accounts.js';
import type { AuditEntry, AuthState, StaffAccount, StaffUser } from '../accounts.js';
import type { Page } from '../domain.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const accountId = z.number().int().positive();

export const accountMethods = {
  'auth.state': method<AuthState>()({
    access: 'anyone',
    summary: 'Who is signed in on this screen, whether the station still needs its first official, and whether signing in is allowed here.',
    input: z.object({}).strict(),
  }),
  'auth.setup': method<StaffUser>()({
    access: 'anyone',
    summary: 'First start only: creates the first official account and signs it in; refused once any account exists.',
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
  }),
  'auth.signIn': method<StaffUser>()({
    access: 'anyone',
    summary: 'Signs a librarian or an official in on this screen; repeated failures are slowed down.',
    input: z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
  }),
  'auth.signOut': method<{ signedOut: boolean }>()({
    access: 'anyone',
    summary: 'Ends the session of this screen.',
    input: z.object({}).strict(),
  }),
  'auth.changePassword': method<{ changed: boolean }>()({
    access: 'librarian',
    summary: 'Changes the signed-in user’s own password (the current one is asked again).',
    input: z.object({ current: z.string().min(1).max(200), next: passwordSchema }).strict(),
    audited: true,
  }),
  'accounts.list': method<StaffAccount[]>()({
    access: 'official',
    summary: 'The staff accounts of this station.',
    input: z.object({}).strict(),
  }),
  'accounts.create': method<StaffAccount>()({
    access: 'official',
    summary: 'Creates a librarian or official account with a first password.',
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, role: z.enum(STAFF_ROLES), password: passwordSchema }).strict(),
    audited: true,
  }),
  'accounts.update': method<StaffAccount>()({
    access: 'official',
    summary: 'Renames, changes the role of, disables or enables an account (an official cannot disable or demote themself).',
    input: z.object({ id: accountId, displayName: displayNameSchema.optional(), role: z.enum(STAFF_ROLES).optional(), disabled: z.boolean().optional() }).strict(),
    audited: true,
  }),
  'accounts.resetPassword': method<StaffAccount>()({
    access: 'official',
    summary: 'Sets a new password for an account and ends its sessions.',
    input: z.object({ id: accountId, password: passwordSchema }).strict(),
    audited: true,
  }),
  'audit.list': method<Page<AuditEntry>>()({
    access: 'official',
    summary: 'The audit log, newest first: who changed what and when; searchable by words, person and dates.',
    input: z
      .object({
        q: z.string().max(200).default(''),
        userId: accountId.optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
  }),
} satisfies Record<string, MethodSpec>;
