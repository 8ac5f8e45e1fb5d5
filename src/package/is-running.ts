/**
 * Whether a process with this id runs (on this machine): for files and claims a process left behind,
 * which a later one may take over only when their owner is gone (a kill -9, a crash).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
