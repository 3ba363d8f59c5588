/**
 * Running an external program (scanimage, tesseract) as a child process: its output collected,
 * its absence told apart from its failure (ENOENT → `missing`), an AbortSignal that kills it
 * (SIGTERM, then SIGKILL if it lingers), and a program that said it is done but does not exit (a
 * scanner backend stuck closing the device) killed after a grace period. Shared by the scanner
 * sources and OCR.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ToolRun {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** The program is not installed (not found on the PATH). */
  missing: boolean;
  /** Stopped through the signal. */
  aborted: boolean;
}

/** How long a stopped program gets to end by itself (scanimage cancels the scan on SIGTERM) before SIGKILL. */
const GRACE_MS = 5000;

export interface ToolOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** Called with each complete line the program writes to stdout, as it arrives. */
  onLine?: (line: string) => void;
  /** Once stderr matches `stderr`, the program has `ms` to exit before it is killed; the run then ends with code null and what it wrote. */
  doneWhen?: { stderr: RegExp; ms: number };
}

/** Starts a program and resolves when it has exited (never rejects). */
export function runTool(command: string, args: string[], options: ToolOptions = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    let stdout = '';
    let stderr = '';
    let pending = '';
    let settled = false;
    const finish = (run: Omit<ToolRun, 'stdout' | 'stderr' | 'aborted'>) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', kill);
      if (pending && options.onLine) options.onLine(pending);
      resolve({ ...run, stdout, stderr, aborted: options.signal?.aborted ?? false });
    };
    // SIGTERM first: scanimage then cancels the scan properly, so a real scanner is not left mid-page.
    const kill = () => {
      child?.kill('SIGTERM');
      setTimeout(() => child?.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), GRACE_MS).unref();
    };
    try {
      child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch {
      finish({ code: null, missing: true });
      return;
    }
    if (options.signal?.aborted) kill();
    else options.signal?.addEventListener('abort', kill, { once: true });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!options.onLine) return;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    let lingering: NodeJS.Timeout | null = null;
    let killedLingering = false;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-16_384);
      if (options.doneWhen && !lingering && options.doneWhen.stderr.test(stderr)) {
        lingering = setTimeout(() => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          killedLingering = true;
          child.kill('SIGKILL');
        }, options.doneWhen.ms);
        lingering.unref();
      }
    });
    child.on('exit', () => {
      if (lingering) clearTimeout(lingering);
      // A process it started may still hold the pipes open: do not wait for them to close.
      if (killedLingering) {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish({ code: null, missing: false });
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => finish({ code: null, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => finish({ code, missing: false }));
  });
}
