/**
 * The packaged app's `--self-test` (for an installer, or whoever builds a release): loads the
 * desktop app's own modules as a start would (desktop-app.ts and all it imports: sharp, canvas,
 * better-sqlite3 built for Electron), then runs the engine's self-test (catalog/self-test.ts) in
 * this process — Electron's Node — prints the report on stdout and exits: 0 when every part
 * works, 1 otherwise. No window opens and the station's library is not touched.
 */
import { check, runSelfTest, writeSelfTest } from '../catalog/self-test.js';

export async function runShellSelfTest(options: { json: boolean; exit(code: number): void; write?: (text: string) => void }): Promise<void> {
  const app = await check('electron/desktop-app', async () => {
    await import('./desktop-app.js');
    return `Electron ${process.versions.electron ?? '—'}, Node ${process.versions.node}`;
  });
  const report = await runSelfTest([app]);
  options.exit(writeSelfTest(report, options.json, options.write ?? ((text) => process.stdout.write(text))));
}
