/** Whether Debian's Chromium is here; browser tests skip with the package name when it is not. */
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !fs.existsSync(CHROMIUM);
export const CHROMIUM_SKIP_REASON = `${CHROMIUM} not found: install the Debian package "chromium"`;
