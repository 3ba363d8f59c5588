/**
 * When no scanner is found the desk says why, per kind of source, in words: scanimage is there
 * but no device answers (SANE with no backend enabled, as on a PC with nothing plugged in), the
 * scanner program is not installed (naming the package), no scan folder is set up, or the scan
 * folder set up cannot be opened. With a scanner found there is nothing to explain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { say } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { missingTools, openDesk } from './helpers.js';

/** A SANE configuration that enables no backend at all. */
function noBackends(): string {
  const dir = tempDir('desk-sane-none-');
  fs.writeFileSync(path.join(dir, 'dll.conf'), '# no backend\n');
  return dir;
}

const env = { PATH: process.env.PATH ?? '' };

describe.skipIf(missingTools('scanimage'))('explaining that no scanner is found', () => {
  it('says no device answered and no scan folder is set up', async () => {
    const { desk } = await openDesk({ env, saneConfigDir: noBackends() });
    const list = await desk.scannerList();
    expect(list.scanners).toEqual([]);
    expect(list.whyNone).toEqual([{ key: 'desk.none.saneNoDevice' }, { key: 'desk.none.noFolder' }]);
    expect(say('vi', list.whyNone[0])).toMatch(/Không có máy quét nào trả lời.*Tìm lại máy quét/);
    await desk.dispose();
  });

  it('names the package when the scanner program is missing, and the folder that cannot be opened', async () => {
    const gone = path.join(tempDir('desk-scan-folders-'), 'o-mang-chua-noi');
    const { desk } = await openDesk({ env, saneConfigDir: noBackends(), scanimage: 'scanimage-khong-co', scanFolders: [gone] });
    const list = await desk.scannerList();
    expect(list.scanners).toEqual([]);
    expect(list.whyNone).toEqual([{ key: process.platform === 'win32' ? 'desk.none.saneWindows' : 'desk.none.saneMissing' }, { key: 'desk.none.folderUnreadable', params: { folders: gone } }]);
    expect(say('vi', list.whyNone[0])).toContain('sane-utils');
    await desk.dispose();
  });

  it('explains nothing when a scanner is found', async () => {
    const { desk } = await openDesk({ env });
    const list = await desk.scannerList();
    expect(list.scanners.map((s) => s.id)).toContain('sane:test:0');
    expect(list.whyNone).toEqual([]);
    await desk.dispose();
  });
});
