/**
 * CPU time of a process tree from /proc (Linux), for the benchmark: on a shared machine req/s depends on
 * everyone else's load, while the CPU the app spends per request does much less. Times are user + system,
 * in milliseconds: every live process below `root` (web workers, database backends) plus what `root` has
 * collected from children that already exited.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  ppid: number;
  own: number;
  children: number;
}

function readStat(pid: string): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces and parentheses: state ppid … utime(14) stime cutime cstime.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `root` and its descendants; null when /proc cannot be read. */
export function treeCpuMs(root: number | undefined): number | null {
  if (!root || !fs.existsSync('/proc/self/stat')) return null;
  const stats = new Map<number, Stat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(name);
    if (s) stats.set(Number(name), s);
  }
  const rootStat = stats.get(root);
  if (!rootStat) return null;
  const kids = new Map<number, number[]>();
  for (const [pid, s] of stats) kids.set(s.ppid, [...(kids.get(s.ppid) ?? []), pid]);
  let total = rootStat.children;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.own ?? 0;
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

/** The postmaster of an embedded PostgreSQL data directory (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
