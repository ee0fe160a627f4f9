/**
 * `/metrics` in the Prometheus text exposition format (version 0.0.4): per camera stream, what
 * ingest sees (state, bitrate, frame rate, frames, bytes, packet loss, stalls, reconnects) and
 * what the recorder did (segments, bytes and frames written, errors, queued bytes, clock drift,
 * open gap), plus the free space of the storage volume. Pure: the caller gathers the figures.
 */
import type { StreamStatus } from '../ingest/index.ts';
import type { StreamRecordingStatus } from './stream-recorder.ts';

/** Everything one scrape shows. */
export interface MetricsInput {
  ingest: readonly StreamStatus[];
  recording: readonly StreamRecordingStatus[];
  /** Bytes free on the storage volume (for unprivileged users), if known. */
  storageFreeBytes: number | undefined;
}

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number }[];
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function render(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

const STATES = ['idle', 'connecting', 'online', 'reconnecting', 'offline'] as const;

/** Renders the metrics page. */
export function renderMetrics(input: MetricsInput): string {
  const fam = (
    name: string,
    type: Family['type'],
    help: string,
    samples: Family['samples'],
  ): Family => ({ name, type, help, samples });
  const ing = (s: StreamStatus): Labels => ({ camera: s.cameraId, stream: s.stream });
  const rec = (s: StreamRecordingStatus): Labels => ({ camera: s.cameraId, stream: s.stream });
  const per = <T>(list: readonly T[], labels: (x: T) => Labels, value: (x: T) => number) =>
    list.map((x) => ({ labels: labels(x), value: value(x) }));
  const i = input.ingest;
  const r = input.recording;
  const families: Family[] = [
    fam(
      'vedetta_camera_state',
      'gauge',
      'Ingest state of a camera stream (1 for the current state).',
      i.flatMap((s) =>
        STATES.map((st) => ({ labels: { ...ing(s), state: st }, value: +(s.state === st) })),
      ),
    ),
    fam(
      'vedetta_camera_bitrate_bits_per_second',
      'gauge',
      'Received video bitrate over the last seconds.',
      per(i, ing, (s) => s.bitrateBps),
    ),
    fam(
      'vedetta_camera_frames_per_second',
      'gauge',
      'Received frame rate over the last seconds.',
      per(i, ing, (s) => s.fps),
    ),
    fam(
      'vedetta_camera_frames_total',
      'counter',
      'Frames received.',
      per(i, ing, (s) => s.counters.frames),
    ),
    fam(
      'vedetta_camera_received_bytes_total',
      'counter',
      'Video bytes received.',
      per(i, ing, (s) => s.counters.bytes),
    ),
    fam(
      'vedetta_camera_packets_total',
      'counter',
      'RTP packets received.',
      per(i, ing, (s) => s.counters.packets),
    ),
    fam(
      'vedetta_camera_packets_lost_total',
      'counter',
      'RTP packets missing from sequence gaps.',
      per(i, ing, (s) => s.counters.packetsLost),
    ),
    fam(
      'vedetta_camera_loss_events_total',
      'counter',
      'Gaps opened by lost or damaged packets.',
      per(i, ing, (s) => s.counters.lossEvents),
    ),
    fam(
      'vedetta_camera_stalls_total',
      'counter',
      'Connections that stopped delivering video.',
      per(i, ing, (s) => s.counters.stalls),
    ),
    fam(
      'vedetta_camera_reconnects_total',
      'counter',
      'Connections that delivered video again after a failure.',
      per(i, ing, (s) => s.counters.reconnects),
    ),
    fam(
      'vedetta_recording_segments_total',
      'counter',
      'Segments closed and signed by the writer.',
      per(r, rec, (s) => s.segmentsWritten),
    ),
    fam(
      'vedetta_recording_bytes_total',
      'counter',
      'Bytes of fragments written to segment files.',
      per(r, rec, (s) => s.bytesWritten),
    ),
    fam(
      'vedetta_recording_frames_total',
      'counter',
      'Frames written to segment files.',
      per(r, rec, (s) => s.framesWritten),
    ),
    fam(
      'vedetta_recording_errors_total',
      'counter',
      'Recording failures (disk or database errors).',
      per(r, rec, (s) => s.errors),
    ),
    fam(
      'vedetta_recording_queued_bytes',
      'gauge',
      'Bytes waiting for the disk.',
      per(r, rec, (s) => s.queuedBytes),
    ),
    fam(
      'vedetta_recording_clock_drift_milliseconds',
      'gauge',
      'Wall time minus the recording time line at the last frame.',
      per(r, rec, (s) => s.clockDriftMs),
    ),
    fam(
      'vedetta_recording_reanchors_total',
      'counter',
      'Time line re-anchored on the wall clock (drift or timestamp jump).',
      per(r, rec, (s) => s.reanchors),
    ),
    fam(
      'vedetta_recording_recording',
      'gauge',
      '1 while a segment is being written.',
      per(r, rec, (s) => +(s.state === 'recording')),
    ),
    fam(
      'vedetta_recording_gap_open',
      'gauge',
      '1 while expected time is not being recorded (an open gap).',
      per(r, rec, (s) => +(s.openGap !== undefined)),
    ),
    fam(
      'vedetta_storage_free_bytes',
      'gauge',
      'Free bytes on the storage volume.',
      input.storageFreeBytes === undefined ? [] : [{ labels: {}, value: input.storageFreeBytes }],
    ),
  ];
  return render(families);
}
