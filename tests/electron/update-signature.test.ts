/**
 * Issue 18, item 9: electron/update-signature.ts, the Windows update installer's Authenticode
 * check, with PowerShell's answers given by a stand-in runner (Get-AuthenticodeSignature's JSON as
 * Windows prints it). It passes only a valid signature of a configured publisher on the very file
 * downloaded, and refuses — never passes — whenever PowerShell cannot run, fails, or answers
 * something unexpected. The path is quoted so that it cannot end the PowerShell string.
 */
import { describe, expect, it } from 'vitest';
import { powerShellQuoted, subjectMatches, verifyUpdateSignature } from '../../electron/update-signature.js';
import type { RunPowerShell } from '../../electron/update-signature.js';

const FILE = 'C:\\Users\\kiosk\\AppData\\Local\\tu-sach-phap-luat-updater\\pending\\tu-sach-phap-luat-1.2.0-win-x64.exe';
const PUBLISHER = 'CN=Bộ Tư pháp, O=Bộ Tư pháp, L=Hà Nội, C=VN';
const SIGNED = { Status: 0, StatusMessage: 'Signature verified.', Path: FILE, SignerCertificate: { Subject: 'CN=Bộ Tư pháp, O=Bộ Tư pháp, L=Hà Nội, C=VN' } };

const answering =
  (stdout: unknown, stderr = ''): RunPowerShell =>
  async () => ({ stdout: typeof stdout === 'string' ? stdout : JSON.stringify(stdout), stderr });

describe('the update installer signature check', () => {
  it('passes a valid signature of the publisher on the downloaded file', async () => {
    await expect(verifyUpdateSignature([PUBLISHER], FILE, answering(SIGNED))).resolves.toBeNull();
    // The path as PowerShell prints it may differ in case.
    await expect(verifyUpdateSignature([PUBLISHER], FILE, answering({ ...SIGNED, Path: FILE.toUpperCase() }))).resolves.toBeNull();
  });

  it.each<[string, RunPowerShell]>([
    ['PowerShell cannot start (AppLocker, Assigned Access)', async () => Promise.reject(Object.assign(new Error('spawn powershell.exe EACCES'), { code: 'EACCES' }))],
    ['PowerShell times out', async () => Promise.reject(Object.assign(new Error('Command failed'), { killed: true, signal: 'SIGTERM' }))],
    ['PowerShell writes to stderr', answering(SIGNED, 'Get-AuthenticodeSignature : Cannot find path')],
    ['the answer is not JSON', answering('Language mode ConstrainedLanguage')],
    ['the signature is not valid (HashMismatch)', answering({ ...SIGNED, Status: 3 })],
    ['the file is not signed', answering({ Status: 2, Path: FILE, SignerCertificate: null })],
    ['the check looked at another file', answering({ ...SIGNED, Path: 'C:\\Windows\\notepad.exe' })],
    ['another publisher signed it', answering({ ...SIGNED, SignerCertificate: { Subject: 'CN=Bộ Tư pháp, O=Công ty Giả mạo, C=VN' } })],
  ])('refuses when %s', async (_case, run) => {
    const verdict = await verifyUpdateSignature([PUBLISHER], FILE, run);
    expect(verdict).toBeTypeOf('string');
    expect(verdict).not.toBe('');
  });

  it('refuses when there is no publisher to compare with', async () => {
    await expect(verifyUpdateSignature([], FILE, answering(SIGNED))).resolves.toMatch(/no publisher/);
  });

  it('matches every part of a full DN, or the CN of a bare name', () => {
    expect(subjectMatches('CN=Bộ Tư pháp, O=Bộ Tư pháp, C=VN', ['CN=Bộ Tư pháp, O=Bộ Tư pháp, C=VN'])).toBe(true);
    expect(subjectMatches('CN=Bộ Tư pháp, O=Khác, C=VN', ['CN=Bộ Tư pháp, O=Bộ Tư pháp, C=VN'])).toBe(false);
    expect(subjectMatches('CN=Bộ Tư pháp, O=Bộ Tư pháp, C=VN', ['Bộ Tư pháp'])).toBe(true);
    expect(subjectMatches('CN=Bộ Tư pháp giả, C=VN', ['Bộ Tư pháp'])).toBe(false);
  });

  it('quotes the path so that it cannot end the PowerShell string', async () => {
    expect(powerShellQuoted("C:\\Temp\\a';calc;'.exe")).toBe("'C:\\Temp\\a'';calc;''.exe'");
    const commands: string[] = [];
    await verifyUpdateSignature([PUBLISHER], FILE, async (command) => {
      commands.push(command);
      return { stdout: JSON.stringify(SIGNED), stderr: '' };
    });
    expect(commands).toEqual([`Get-AuthenticodeSignature -LiteralPath '${FILE}' | ConvertTo-Json -Compress`]);
  });
});
