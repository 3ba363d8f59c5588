/**
 * Runs a command and measures its peak resident memory (VmHWM, read from /proc every 20 ms:
 * Linux only — `peakMb` is null elsewhere).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface MeasuredRun {
  code: number | null;
  output: string;
  peakMb: number | null;
}

export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<MeasuredRun> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let peakKb: number | null = null;
  const timer = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb ?? 0, Number(match[1]));
    } catch {
      // not Linux, or the process has just exited
    }
  }, 20);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, output, peakMb: peakKb === null ? null : peakKb / 1024 });
    });
  });
}
