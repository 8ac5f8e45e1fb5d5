// Where a command's CPU goes, by kind of process (Linux: /proc), for the "Test suite" section of BENCHMARKS.md:
// the suite is CPU-bound on two cores, so its wall time is its CPU-seconds over two, and this says whose they are.
//
//   node test/bench/cpu-by-process.mjs [--interval 50] -- npx vitest run --project browser
//
// Every process on the machine is read every --interval ms; each is known by its pid and start time, and its
// user + system time when last seen counts (a process that starts and ends between two reads is missed: raise
// the rate for commands made of many tiny processes). Processes are named by kind from their command line (the
// first one seen: a zombie's is empty): Chromium's by `--type`, vitest's main process and workers, the
// coursepack bin by command, other Node scripts by file name. The command's processes are it and those whose
// parent was one of them when first seen; the rest of the machine (other users' builds on a shared machine) is
// one line, and the machine's busy CPU-seconds from /proc/stat over the same time hold both.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

const separator = process.argv.indexOf('--');
if (separator < 0 || separator === process.argv.length - 1) {
  console.error('usage: node test/bench/cpu-by-process.mjs [--interval MS] -- COMMAND [ARGS...]');
  process.exit(2);
}
const { values } = parseArgs({ args: process.argv.slice(2, separator), options: { interval: { type: 'string', default: '50' } }, strict: true });
const command = process.argv.slice(separator + 1);
const interval = Number(values.interval);
/** Clock ticks a second (USER_HZ): 100 on every Linux Node runs on. */
const HZ = 100;

/** The kind of process a command line is. */
function kindOf(commandLine) {
  const args = commandLine.split('\0').filter(Boolean);
  const line = args.join(' ');
  if (/chrom(e|ium)/.test(args[0] ?? '')) return `chromium ${/--type=([a-z-]+)/.exec(line)?.[1] ?? 'browser'}`;
  if (line.includes('vitest/suppress-warnings')) return 'vitest worker';
  if (/vitest(\.mjs)?( |$)/.test(line)) return 'vitest main';
  const bin = args.findIndex((arg) => arg.endsWith('coursepack.mjs'));
  if (bin >= 0) return `coursepack ${args[bin + 1] ?? ''}`.trim();
  if (/(^|\/)node$/.test(args[0] ?? '')) {
    const script = args.slice(1).find((arg) => !arg.startsWith('-'));
    return script ? `node ${basename(script).replace(/-[A-Za-z0-9]{6,}(?=\.|$)/, '-*')}` : 'node';
  }
  return basename(args[0] ?? '?');
}

/** pid:starttime → { ticks, start, kind, ours } */
const seen = new Map();
/** Pids of the command's processes. */
const oursByPid = new Set();
let child;
function read() {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const key = `${pid}:${fields[19]}`;
      const ticks = Number(fields[11]) + Number(fields[12]);
      const known = seen.get(key);
      if (known) known.ticks = ticks;
      else {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        // The command's own processes: it, and any process whose parent is one of them when first seen.
        const ours = Number(pid) === child?.pid || oursByPid.has(fields[1]);
        if (ours) oursByPid.add(pid);
        seen.set(key, { ticks, start: ticks, kind: commandLine ? kindOf(commandLine) : null, ours });
      }
      if (known && known.kind === null) {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (commandLine) known.kind = kindOf(commandLine);
      }
    } catch {
      // Gone between the listing and the read.
    }
  }
}
/** CPU-seconds of this process's children that have ended and been waited for, theirs included (cutime, cstime). */
function reapedChildren() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / HZ;
}
function machineBusy() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  return { busy: ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle, idle };
}

/**
 * How long a fixed loop takes on this machine now, in ms (bench-report.mjs's): the shared host's speed moves by 2× and
 * more from hour to hour (411 ms one evening, 890-1000 ms the next night), and CPU-seconds move with it.
 */
const calibrate = () => Number(spawnSync(process.execPath, ['-e', 'let t=Date.now(),x=0;for(let i=0;i<3e8;i++)x+=i%7;console.log(Date.now()-t)'], { encoding: 'utf8' }).stdout.trim());
const loopBefore = calibrate();

read();
const before = new Set(seen.keys());
const reapedBefore = reapedChildren();
const machineBefore = machineBusy();
const started = performance.now();
child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
const timer = setInterval(read, interval);
const status = await new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
clearInterval(timer);
read();
const wall = (performance.now() - started) / 1000;
const machineAfter = machineBusy();

const byKind = new Map();
/** How many processes of each kind: a kind made of many short processes costs its start-up each time. */
const countByKind = new Map();
let others = 0;
for (const [key, { ticks, start, kind, ours }] of seen) {
  // Processes that ran before the command count only what they used during it.
  const used = (before.has(key) ? ticks - start : ticks) / HZ;
  // This script's own reading of /proc is left out.
  if (used <= 0 || key.startsWith(`${process.pid}:`)) continue;
  if (!ours) {
    others += used;
    continue;
  }
  const name = kind ?? 'unknown (ended before its command line was read)';
  byKind.set(name, (byKind.get(name) ?? 0) + used);
  countByKind.set(name, (countByKind.get(name) ?? 0) + 1);
}
const total = [...byKind.values()].reduce((a, b) => a + b, 0);
const cpus = (machineAfter.busy + machineAfter.idle - machineBefore.busy - machineBefore.idle) / HZ / wall;
console.log(`\n${command.join(' ')}: exit ${status}, ${wall.toFixed(1)} s wall; the machine busy ${((machineAfter.busy - machineBefore.busy) / HZ).toFixed(1)} CPU-seconds of ${(wall * cpus).toFixed(1)} (${Math.round(cpus)} CPUs); by process, ${total.toFixed(1)}:`);
for (const [kind, seconds] of [...byKind].sort((a, b) => b[1] - a[1])) {
  const count = countByKind.get(kind) ?? 0;
  if (seconds >= 0.1) console.log(`${seconds.toFixed(1).padStart(8)}  ${(100 * seconds / total).toFixed(0).padStart(3)}%  ${kind}${count > 1 ? ` (${count} processes)` : ''}`);
}
// Each process waits for its children, so the command's tree adds up in this process once it has ended, short
// processes the reads missed included (not those whose parent never waited for them).
console.log(`The command's processes as their parents waited for them: ${(reapedChildren() - reapedBefore).toFixed(1)} CPU-seconds.`);
console.log(`Other processes on the machine meanwhile: ${others.toFixed(1)} CPU-seconds. Calibration loop ${loopBefore} ms before, ${calibrate()} ms after.`);
