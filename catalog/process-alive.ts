/**
 * Whether a process with this id is running, for what a process leaves in a library folder with
 * its pid on it (the writer lock, library-lock.ts; temporary folders, store/file-store.ts). One we
 * may not signal is running too (EPERM: the kiosk account's app seen from an administrator's).
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
