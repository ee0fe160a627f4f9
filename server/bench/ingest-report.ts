/**
 * The ingest benchmark's printed report: one Markdown table row per recorder and camera count
 * (readable in a terminal, pasted as is into `design/benchmarks.md`), then Vedetta against the
 * ffmpeg baseline for each count, with the targets of issue 3: CPU at most 1/3 of the baseline
 * (aim 1/5), memory under 1/5 of the baseline's total PSS, no lost frames.
 */
import type { PhaseResult } from './ingest-phase.ts';

const mb = (kb: number): string => (kb / 1024).toFixed(1);
const pct = (x: number): string => x.toFixed(2);

/** The table's header lines. */
export const TABLE_HEAD = [
  '| cameras | recorder | CPU % of a core | per camera | PSS MB | RSS MB | frames sent | recorded | lost | sim skipped | RTSP sessions | files | bytes written | sim CPU % |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

/** One table row. */
export function tableRow(r: PhaseResult): string {
  const cells = [
    String(r.cameras),
    r.who,
    pct(r.cpuPct),
    pct(r.cpuPct / r.cameras),
    mb(r.memory.pssKb),
    mb(r.memory.rssKb),
    String(r.sent.framesSent),
    String(r.recorded.frames),
    String(r.lost),
    String(r.sent.framesSkipped),
    String(r.sent.sessionsStarted),
    String(r.recorded.files),
    `${(r.recorded.bytes / 1e6).toFixed(1)} MB`,
    pct(r.simCpuPct),
  ];
  return `| ${cells.join(' | ')} |`;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

/** True when a recorder kept every frame: none lost, none skipped, no reconnection. */
export function keptEveryFrame(r: PhaseResult): boolean {
  return (
    r.lost === 0 &&
    r.sent.framesSkipped === 0 &&
    r.sent.sessionsStarted === r.cameras &&
    r.recorded.damaged === 0
  );
}

/** Vedetta against the baseline on the same count of cameras, with the targets. */
export function comparison(v: PhaseResult, f: PhaseResult): string[] {
  const cpuRatio = v.cpuPct / f.cpuPct;
  const memRatio = v.memory.pssKb / f.memory.pssKb;
  const lines = [
    `${v.cameras} cameras, ${v.who} vs ${f.who}: CPU ${pct(v.cpuPct)} % vs ${pct(f.cpuPct)} % = ${cpuRatio.toFixed(3)} ` +
      `(1/${(1 / cpuRatio).toFixed(1)}) target <= 1/3 ${verdict(cpuRatio <= 1 / 3)}, aim 1/5 ` +
      `${verdict(cpuRatio <= 1 / 5)}; memory PSS ${mb(v.memory.pssKb)} MB vs ${mb(f.memory.pssKb)} MB = ` +
      `${memRatio.toFixed(3)} (1/${(1 / memRatio).toFixed(1)}) target < 1/5 ${verdict(memRatio < 1 / 5)}; ` +
      `lost frames ${v.lost}, skipped ${v.sent.framesSkipped}, sessions ${v.sent.sessionsStarted}/${v.cameras} ` +
      `${verdict(keptEveryFrame(v))} (ffmpeg: lost ${f.lost}, skipped ${f.sent.framesSkipped})`,
  ];
  return lines;
}

/** The notes of a phase (warnings, early exits, the recorder's own figures). */
export function notesOf(r: PhaseResult): string[] {
  const out = r.notes.map((n) => `${r.cameras} ${r.who}: ${n}`);
  if (r.recorded.damaged > 0)
    out.push(`${r.cameras} ${r.who}: ${r.recorded.damaged} unreadable files`);
  if (r.summary !== undefined) out.push(`${r.cameras} ${r.who}: ${JSON.stringify(r.summary)}`);
  return out;
}
