/**
 * How the `bookshelf` command puts its messages (shared/messages/cli.ts) into words: always both
 * languages, Vietnamese first, as `bilingual` makes them (vi / en). A result is often a label
 * and its value (vi / en: 3); help is a table of what to type and what it does, each description
 * in Vietnamese with the English beneath.
 */
import { bilingual, say } from '../../shared/messages.js';
import type { MessageKey, MessageParams } from '../../shared/messages.js';

/** A label in both languages, then its value (vi / en: 3). */
export function labelled(key: MessageKey, value: string | number): string {
  return `${bilingual({ key })}: ${value}`;
}

/** One line of help: what is typed (syntax only, no words; empty for a note) and the message saying what it does. */
export type HelpEntry = readonly [syntax: string, about: MessageKey, params?: MessageParams];

/** Where descriptions start, after the syntax. */
const COLUMN = 24;

function helpEntry([syntax, about, params]: HelpEntry): string {
  const indent = syntax === '' ? '  ' : ' '.repeat(COLUMN);
  const lead = syntax === '' ? '  ' : syntax.length + 3 <= COLUMN ? `  ${syntax}`.padEnd(COLUMN) : `  ${syntax}\n${indent}`;
  return `${lead}${say('vi', { key: about, params })}\n${indent}${say('en', { key: about, params })}\n`;
}

/** A block of help under a heading (syntax such as `keep`, or words from `bilingual`). */
export function helpSection(heading: string, entries: HelpEntry[]): string {
  return `${heading}:\n${entries.map(helpEntry).join('')}`;
}
