/**
 * `bookshelf keygen` and `bookshelf publish`: make the hub's signing keys, and publish the
 * library's changes as a signed feed folder (docs/feed.md), with the hub's thesaurus additions
 * (`--thesaurus FILE|none`, docs/search.md). Output is bilingual.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Library } from '../library.js';
import { generateKeyPair, loadPrivateKey } from '../feed/keys.js';
import { publish } from '../feed/publish.js';
import { MAX_THESAURUS_BYTES, setThesaurusAdditions } from '../search/lexicon.js';
import { bilingual } from '../../shared/messages.js';
import { labelled } from './words.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export async function runKeygen(flags: { out: string }, write: Write = stdout): Promise<number> {
  const keys = generateKeyPair(path.resolve(flags.out));
  write(
    [
      labelled('cli.keygen.privateKey', keys.privateKeyPath),
      labelled('cli.keygen.publicKey', keys.publicKeyPath),
      labelled('cli.keygen.keyId', keys.keyId),
    ].join('\n') + '\n',
  );
  return 0;
}

/** Stores the additions `--thesaurus` names ("none" removes them); false when the file is refused. */
async function setAdditions(library: Library, file: string, write: Write): Promise<boolean> {
  let text: string | null = null;
  if (file !== 'none') {
    try {
      text = await fs.readFile(path.resolve(file), 'utf8');
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      write(`${bilingual({ key: 'cli.publish.thesaurusUnreadable', params: { file, why } })}\n`);
      return false;
    }
  }
  const { problems, entries, tooLarge } = setThesaurusAdditions(library.db, text);
  if (tooLarge) {
    write(`${bilingual({ key: 'cli.publish.thesaurusTooLarge', params: { kb: MAX_THESAURUS_BYTES / 1024 } })}\n`);
    return false;
  }
  if (problems.length > 0) {
    write(`${bilingual({ key: 'cli.publish.thesaurusProblems' })}:\n`);
    for (const problem of problems.slice(0, 20)) write(`  ${file}:${problem.line}: ${problem.text}\n`);
    return false;
  }
  write(`${text === null ? bilingual({ key: 'cli.publish.thesaurusRemoved' }) : labelled('cli.publish.thesaurusAdditions', `${entries} ${bilingual({ key: 'cli.unit.entries' })}`)}\n`);
  return true;
}

export async function runPublish(
  flags: { libraryDir: string; out: string; key: string; snapshot: boolean; refresh: boolean; thesaurus?: string },
  write: Write = stdout,
): Promise<number> {
  const privateKey = loadPrivateKey(flags.key);
  const library = await Library.open(flags.libraryDir);
  try {
    if (flags.thesaurus !== undefined && !(await setAdditions(library, flags.thesaurus, write))) return 1;
    const result = await publish(library, { outDir: path.resolve(flags.out), privateKey, snapshot: flags.snapshot, refresh: flags.refresh });
    if (!result.published) {
      write(`${bilingual({ key: 'cli.publish.unchanged', params: { sequence: result.sequence } })}\n`);
      return 0;
    }
    if (result.refreshed) {
      write(`${bilingual({ key: 'cli.publish.refreshed', params: { sequence: result.sequence } })}\n`);
      return 0;
    }
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    write(
      [
        `${labelled('cli.publish.published', flags.out)} — ${bilingual({ key: 'cli.sequence' })} ${result.sequence}`,
        bilingual({ key: result.snapshot ? 'cli.publish.changesAndSnapshot' : 'cli.publish.changes', params: { ops: result.ops, pages: result.pages } }),
        labelled('cli.publish.newFiles', `${result.files} (${mb} MB)`),
        labelled('cli.publish.newTexts', `${result.texts} (${(result.textBytes / 1024).toFixed(0)} KB)`),
        ...(result.thesaurus ? [bilingual({ key: 'cli.publish.thesaurusChanged' })] : []),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}
