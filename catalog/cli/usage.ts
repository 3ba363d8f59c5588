/** Mistakes in how a command was called, and how the commonest is said. */
import { bilingual } from '../../shared/messages.js';

/** A mistake in how a command was called: printed as is, exit code 2. */
export class UsageError extends Error {}

/** `--kind: "x"`, then in both languages that it must be one of `legal | book…`. */
export function notOneOf(flag: string, value: string, choices: readonly string[]): UsageError {
  return new UsageError(`${flag}: "${value}" ${bilingual({ key: 'cli.usage.notOneOf', params: { choices: choices.join(' | ') } })}`);
}
