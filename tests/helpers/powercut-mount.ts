/**
 * Simulated power cuts for tests: mounts tests/helpers/powercut-fs (a FUSE layer that keeps what
 * is not fsynced in a cache of its own) over a backing folder, and cuts the power on command, so
 * the backing folder holds exactly what a disk would after a real cut. The C source is compiled
 * once per version into a cache folder. Free of vitest, so the bench uses it too.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_DIR = fileURLToPath(new URL('./powercut-fs/', import.meta.url));
const PACKAGES = 'fuse3 libfuse3-dev gcc pkg-config';

/** Why power-cut tests cannot run here (with the Debian packages to install), or null when they can. Throws under CI=true. */
export function powercutMissing(): string | null {
  const reasons: string[] = [];
  if (process.platform !== 'linux') reasons.push('Linux');
  else {
    try {
      fs.accessSync('/dev/fuse', fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      reasons.push('/dev/fuse (a kernel with FUSE, and access to it)');
    }
    if (spawnSync('fusermount3', ['-V']).error) reasons.push('fusermount3');
    if (spawnSync('gcc', ['--version']).error) reasons.push('gcc');
    if (spawnSync('pkg-config', ['--exists', 'fuse3']).status !== 0) reasons.push('pkg-config and libfuse3');
  }
  if (reasons.length === 0) return null;
  const message = `power-cut tests need ${reasons.join(', ')} (apt-get install ${PACKAGES})`;
  if (process.env.CI) throw new Error(`${message}: CI must provide them`);
  console.warn(`⚠ skipped: ${message}`);
  return message;
}

/** The compiled layer, built on first use into a cache folder named after the source's hash. */
export function powercutBinary(): string {
  const source = fs.readFileSync(path.join(SOURCE_DIR, 'powercut-fs.c'));
  const script = fs.readFileSync(path.join(SOURCE_DIR, 'build.sh'));
  const version = createHash('sha256').update(source).update(script).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'bookshelf-powercut-fs');
  const binary = path.join(dir, `powercut-fs-${version}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  const build = spawnSync('sh', [path.join(SOURCE_DIR, 'build.sh'), binary], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building powercut-fs failed: ${build.stderr}`);
  return binary;
}

export interface PowercutMount {
  /** Where programs read and write. */
  readonly dir: string;
  /** Cuts the power: what was not fsynced is gone, and every later operation fails with EIO. */
  cut(): void;
  /** Unmounts (after the programs using it ended); the backing folder then holds what survived. */
  unmount(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Mounts the layer over `backing` (its content is the disk's at the start). `scratch` holds the layer's cache and the mount point. */
export async function mountPowercut(backing: string, scratch: string): Promise<PowercutMount> {
  const state = path.join(scratch, 'layer');
  const dir = path.join(scratch, 'mount');
  fs.mkdirSync(state);
  fs.mkdirSync(dir);
  const daemon = spawn(powercutBinary(), [backing, state, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  daemon.stderr!.on('data', (data: Buffer) => void (stderr += data.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    daemon.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      if (out.includes('mounted\n')) resolve();
    });
    daemon.once('exit', (code) => reject(new Error(`powercut-fs exited (${code}) before mounting: ${stderr}`)));
  });
  let mounted = true;
  return {
    dir,
    cut: () => fs.writeFileSync(path.join(dir, '.powercut'), '1'),
    async unmount() {
      if (!mounted) return;
      mounted = false;
      const unmounting = spawnSync('fusermount3', ['-u', dir], { encoding: 'utf8' });
      // Busy (a file still open by a process on its way out): detach now, the layer ends when it is closed.
      if (unmounting.status !== 0) spawnSync('fusermount3', ['-u', '-z', dir]);
      await exited(daemon);
      if (daemon.exitCode !== 0) throw new Error(`powercut-fs ended with ${daemon.exitCode ?? daemon.signalCode}: ${stderr}`);
    },
  };
}
