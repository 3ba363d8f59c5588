/**
 * The built-in help names what is on screen (issue 16: it named buttons that did not exist, and
 * told an official to run a command). Every label a help text quotes must be, word for word, a
 * message the screens show, in both languages; each topic has the steps its page lists; and no
 * step is a command line.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES } from '../../shared/messages.js';
import type { MessageKey } from '../../shared/messages.js';
import { HELP_TOPICS, TOPIC_STEPS } from '../../renderer/src/help/topics.js';

const isHelp = (key: string) => key.startsWith('help.');

/** Text in “…”, «…» or "…", except templates ({page}). */
function quoted(text: string): string[] {
  return [...text.matchAll(/“([^”]+)”|«([^»]+)»|"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]).filter((label) => !label.includes('{'));
}

describe('the built-in help', () => {
  for (const lang of LANGUAGES) {
    it(`quotes only labels the screens show (${lang})`, () => {
      const table = MESSAGES[lang];
      const shown = new Set(Object.entries(table).filter(([key]) => !isHelp(key)).map(([, text]) => text));
      const helpTexts = Object.entries(table).filter(([key]) => isHelp(key));
      const labels = helpTexts.flatMap(([key, text]) => quoted(text).map((label) => ({ key, label })));
      expect(labels.length).toBeGreaterThan(40);
      expect(labels.filter(({ label }) => !shown.has(label))).toEqual([]);
    });
  }

  it('has, for every topic, exactly the steps its page lists', () => {
    for (const topic of HELP_TOPICS) {
      for (let n = 1; n <= TOPIC_STEPS[topic]; n += 1) expect(MESSAGES.vi, `${topic} ${n}`).toHaveProperty([`help.${topic}.${n}`]);
      expect(MESSAGES.vi).not.toHaveProperty([`help.${topic}.${TOPIC_STEPS[topic] + 1}`]);
    }
  });

  it('describes steps on screens, never a command to type', () => {
    // A command ("bookshelf export-bundle --to E:") reads the same in both languages; Vietnamese prose never says "bookshelf".
    const commands = (Object.keys(MESSAGES.vi) as MessageKey[])
      .filter(isHelp)
      .map((key) => MESSAGES.vi[key])
      .filter((text) => /\bbookshelf\b|(^|\s)--[a-z]/.test(text));
    expect(commands).toEqual([]);
  });
});
