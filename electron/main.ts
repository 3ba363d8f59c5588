/**
 * The Electron main process's entry. It puts the start-up guard in place first (startup-guard.ts),
 * then loads the app (desktop-app.ts) with a dynamic import, so that even a module that fails to
 * load — a native library missing from the package, say — logs and exits with status 1 for Shell
 * Launcher or systemd to restart, instead of leaving a windowless process. Outside kiosk mode the
 * failure is also shown in an error box. Run as `electron <package root> [--library DIR]
 * [--kiosk] [--no-demo]`, or with `--self-test [--json]` to check the installation and exit
 * (self-test.ts); this file is ESM (package.json "type": "module").
 */
import { app, dialog } from 'electron';
import { translate } from '../shared/messages.js';
import { parseAppArgs } from './args.js';
import { guardStartup } from './startup-guard.js';
import { WINDOW_TITLE } from './window-options.js';

const args = parseAppArgs(process.argv);
/** Shared with the app, which turns it on when the station's kiosk setting is. */
const lockdown = { kiosk: args.kiosk };

function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[bookshelf] ${message}`);
  else console.error(`[bookshelf] ${message}`, error);
}

const guard = guardStartup(process, {
  log,
  exit: (code) => app.exit(code),
  // A modal box would keep a kiosk from restarting: there the log is enough.
  report: (error) => {
    if (lockdown.kiosk) return;
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(WINDOW_TITLE, `${translate('vi', 'app.startFailed')}\n${translate('en', 'app.startFailed')}\n\n${reason}`);
  },
});

if (args.selfTest) {
  import('./self-test.js')
    .then(({ runShellSelfTest }) => runShellSelfTest({ json: process.argv.includes('--json'), exit: (code) => app.exit(code) }))
    .catch(guard.fail);
} else {
  import('./desktop-app.js').then(({ runDesktopApp }) => runDesktopApp({ args, guard, log, lockdown })).catch(guard.fail);
}
