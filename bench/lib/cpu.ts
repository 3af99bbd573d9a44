/**
 * CPU time of another process (user + system), read from /proc on Linux. Per request, it is a
 * cost that other load on the machine hardly changes, unlike req/s.
 */
import { readFileSync } from 'node:fs';

/** Linux reports /proc times in clock ticks; USER_HZ is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by `pid`, or undefined where /proc is not available.
 *
 * @example
 * const before = cpuSecondsOf(child.pid!);
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return undefined;
  }
}
