/**
 * README § Command line: `bookshelf search "<query>" [--issuer I] [--year Y] [--field F] [--status S]
 * [--kind K]` narrows the results to what each flag names (--type and --limit are in
 * tests/catalog/cli/cli.test.ts, which runs the CLI as a process); an unknown status or kind is a
 * usage error (exit 2). The CLI's own entry, in process, on a library holding the demo set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { main } from '../../catalog/cli/main.js';
import { Library } from '../../catalog/library.js';
import { tempDir } from '../helpers/temp-dir.js';

interface Item {
  publication: { id: string; kind: string; issuer: string | null; issuedDate: string | null; fields: string[]; status: string };
}
interface Results {
  total: number;
  items: Item[];
  facets: Record<string, { value: string | number; count: number }[]>;
}

let library: string;
beforeAll(async () => {
  library = tempDir('search-cli-');
  const opened = await Library.open(library);
  await loadDemoIfEmpty(opened);
  opened.close();
});

/** Runs `bookshelf ARGS --library <the demo library>`: its exit code and standard output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    return { code: await main([...args, '--library', library]), stdout: out.join('') };
  } finally {
    process.stdout.write = write;
  }
}

const search = async (...args: string[]): Promise<Results> => {
  const { code, stdout } = await cli(['search', ...args, '--json', '--limit', '50']);
  expect(code).toBe(0);
  return JSON.parse(stdout) as Results;
};

describe('bookshelf search with filters', () => {
  it('--issuer, --year, --field and --status keep only what they name', async () => {
    const all = await search('quy định');
    expect(all.items.length).toBeGreaterThan(3);
    const issuer = all.items.find((i) => i.publication.issuer)!.publication.issuer!;
    const byIssuer = await search('quy định', '--issuer', issuer);
    expect(byIssuer.items.length).toBeGreaterThan(0);
    expect(byIssuer.items.every((i) => i.publication.issuer === issuer)).toBe(true);
    expect(byIssuer.total).toBeLessThan(all.total);

    const year = all.items.find((i) => i.publication.issuedDate)!.publication.issuedDate!.slice(0, 4);
    const byYear = await search('quy định', '--year', year);
    expect(byYear.items.length).toBeGreaterThan(0);
    expect(byYear.items.every((i) => i.publication.issuedDate?.startsWith(year))).toBe(true);

    const field = all.items.flatMap((i) => i.publication.fields)[0];
    const byField = await search('quy định', '--field', field);
    expect(byField.items.length).toBeGreaterThan(0);
    expect(byField.items.every((i) => i.publication.fields.includes(field))).toBe(true);

    const status = all.items[0].publication.status;
    const byStatus = await search('quy định', '--status', status);
    expect(byStatus.items.length).toBeGreaterThan(0);
    expect(byStatus.items.every((i) => i.publication.status === status)).toBe(true);
  });

  it('--kind book finds the demo EPUB and only books', async () => {
    const books = await search('Kiều', '--kind', 'book');
    expect(books.items.length).toBeGreaterThan(0);
    expect(books.items.every((i) => i.publication.kind === 'book')).toBe(true);
    expect((await search('Kiều', '--kind', 'legal')).items.every((i) => i.publication.kind === 'legal')).toBe(true);
  });

  it('refuses an unknown status or kind with exit code 2', async () => {
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect((await cli(['search', 'luật', '--status', 'maybe'])).code).toBe(2);
      expect((await cli(['search', 'luật', '--kind', 'film'])).code).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
  });
});
