/**
 * The app's own command line: `--library DIR` (or `--library=DIR`), `--kiosk`, `--no-demo`,
 * `--self-test` (electron/self-test.ts: checks the installation and exits, no window).
 * Everything else — the executable, the app folder in development, Chromium and Electron
 * switches such as `--no-sandbox` or `--enable-logging` — is ignored. This is what
 * `bookshelf start` passes (catalog/cli/serve.ts).
 */

export interface AppArgs {
  /** The library folder; undefined means catalog's default (BOOKSHELF_HOME, then app data). */
  library?: string;
  kiosk: boolean;
  /** False with --no-demo: an empty library stays empty. */
  demo: boolean;
  /** --self-test: check the installation, print the report and exit (0 when every part works). */
  selfTest: boolean;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  const args: AppArgs = { kiosk: false, demo: true, selfTest: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kiosk') args.kiosk = true;
    else if (arg === '--no-demo') args.demo = false;
    else if (arg === '--self-test') args.selfTest = true;
    else if (arg.startsWith('--library=')) {
      const value = arg.slice('--library='.length);
      if (value !== '') args.library = value;
    } else if (arg === '--library') {
      const value = argv[i + 1];
      // A missing value (end of line, or another switch next) leaves the default in place.
      if (value !== undefined && value !== '' && !value.startsWith('--')) {
        args.library = value;
        i++;
      }
    }
  }
  return args;
}
