/**
 * CPU time and memory of running processes, from Linux's own accounting: the sum of the
 * on-CPU nanoseconds of every thread (`/proc/PID/task/TID/schedstat`, first field) and the
 * resident and proportional set sizes (`/proc/PID/smaps_rollup`). Used by the ingest benchmark
 * to measure one process (Vedetta's recorder) or many (one ffmpeg per camera).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Memory of a process, kilobytes. */
export interface Memory {
  rssKb: number;
  pssKb: number;
}

/** On-CPU nanoseconds of every live thread of `pid`; 0 when the process is gone. */
export function cpuNs(pid: number): number {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let total = 0;
  for (const tid of tids) {
    try {
      const first = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0];
      total += Number(first ?? 0);
    } catch {
      // The thread ended between the listing and the read: its time is no longer counted.
    }
  }
  return total;
}

/** Total on-CPU nanoseconds of several processes. */
export function cpuNsOf(pids: readonly number[]): number {
  return pids.reduce((n, pid) => n + cpuNs(pid), 0);
}

/** RSS and PSS of `pid` (zeros when the process is gone). */
export function memoryOf(pid: number): Memory {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return { rssKb: 0, pssKb: 0 };
  }
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m?.[1] === undefined ? 0 : Number(m[1]);
  };
  return { rssKb: field('Rss'), pssKb: field('Pss') };
}

/** Summed RSS and PSS of several processes. */
export function memoryOfAll(pids: readonly number[]): Memory {
  const total = { rssKb: 0, pssKb: 0 };
  for (const pid of pids) {
    const m = memoryOf(pid);
    total.rssKb += m.rssKb;
    total.pssKb += m.pssKb;
  }
  return total;
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [a, b, c];
}
