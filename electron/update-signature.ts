/**
 * The Authenticode check of a downloaded Windows update installer, failing closed. electron-updater
 * 6's own check (windowsExecutableCodeSignatureVerifier) resolves as a pass when PowerShell cannot
 * run — exactly what AppLocker or Assigned Access on a kiosk account does. This one answers
 * electron-updater's `verifyUpdateCodeSignature` contract (null: signed by one of the publishers;
 * a string: why not) and refuses whenever it cannot prove the signature: PowerShell missing,
 * blocked, timed out or writing to stderr, output that is not the expected JSON, a status other
 * than Valid, a different file, or a signer that is none of the publishers.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import builderUtilRuntime from 'builder-util-runtime';

/** Runs one PowerShell command; resolves with its output, rejects when it cannot run or fails. */
export type RunPowerShell = (command: string) => Promise<{ stdout: string; stderr: string }>;

const POWERSHELL_TIMEOUT_MS = 20_000;

/** powershell.exe without a shell (no cmd.exe quoting to get wrong), no profile, UTF-8 output. */
export const runPowerShell: RunPowerShell = (command) =>
  new Promise((resolve, reject) => {
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-InputFormat', 'None', '-Command', `[Console]::OutputEncoding = [Text.Encoding]::UTF8; ${command}`],
      // An empty PSModulePath, as electron-updater does (electron-builder issue 7127).
      { timeout: POWERSHELL_TIMEOUT_MS, windowsHide: true, env: { ...process.env, PSModulePath: '' } },
      (error, stdout, stderr) => (error ? reject(error) : resolve({ stdout, stderr })),
    );
  });

/** A path inside a single-quoted PowerShell string: quotes doubled, nothing else is special there. */
export function powerShellQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

interface SignatureJson {
  Status?: unknown;
  Path?: unknown;
  SignerCertificate?: { Subject?: unknown } | null;
}

/** True when the certificate subject is one of the publishers: every part of a full DN, or the CN of a bare name. */
export function subjectMatches(subject: string, publisherNames: readonly string[]): boolean {
  const parts = builderUtilRuntime.parseDn(subject);
  return publisherNames.some((name) => {
    const wanted = builderUtilRuntime.parseDn(name);
    if (wanted.size > 0) return [...wanted.keys()].every((key) => wanted.get(key) === parts.get(key));
    return name === parts.get('CN');
  });
}

function samePath(a: string, b: string): boolean {
  return path.win32.normalize(a).toLowerCase() === path.win32.normalize(b).toLowerCase();
}

/**
 * Checks the installer at `file`: null when it carries a valid signature of one of
 * `publisherNames`, otherwise the reason it is refused. Never rejects.
 */
export async function verifyUpdateSignature(publisherNames: readonly string[], file: string, run: RunPowerShell = runPowerShell): Promise<string | null> {
  if (publisherNames.length === 0) return 'no publisher name to check the update against';
  let output: { stdout: string; stderr: string };
  try {
    output = await run(`Get-AuthenticodeSignature -LiteralPath ${powerShellQuoted(file)} | ConvertTo-Json -Compress`);
  } catch (error) {
    return `the signature check could not run, so the update is refused: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (output.stderr.trim() !== '') return `the signature check failed, so the update is refused: ${output.stderr.trim()}`;
  let data: SignatureJson;
  try {
    data = JSON.parse(output.stdout) as SignatureJson;
  } catch {
    return `the signature check gave no readable answer, so the update is refused: ${output.stdout.slice(0, 200)}`;
  }
  // System.Management.Automation.SignatureStatus: 0 is Valid.
  if (data.Status !== 0) return `the update installer's signature is not valid (status ${JSON.stringify(data.Status)})`;
  if (typeof data.Path !== 'string' || !samePath(data.Path, file)) return `the signature check looked at another file (${String(data.Path)})`;
  const subject = data.SignerCertificate?.Subject;
  if (typeof subject !== 'string') return 'the update installer has no signer certificate';
  if (!subjectMatches(subject, publisherNames)) return `the update installer is signed by ${subject}, not by ${publisherNames.join(' | ')}`;
  return null;
}
