/**
 * The name of a file being written (src/package/write-atomically.ts): a dot-name next to the target, so it
 * is on the same file system for the rename and hidden from `ls dist`, carrying the writer's process id,
 * so an interrupted build's leftovers can be told from a running build's files (`*.tmp` is git-ignored).
 * Pure (neither Node nor DOM).
 */

const TEMPORARY = /^\..+\.(\d+)-\d+-\d+\.tmp$/;

export function temporaryName(target: string, pid: number, time: number, count: number): string {
  return `.${target}.${pid}-${time}-${count}.tmp`;
}

/** The process that writes `name`, or null when `name` is not a coursepack temporary file. */
export function writerOf(name: string): number | null {
  const match = TEMPORARY.exec(name);
  return match ? Number(match[1]) : null;
}
