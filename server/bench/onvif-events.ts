/**
 * Part of `npm run bench:onvif`: event latency, from the simulated camera emitting an ONVIF event
 * to the alarm arriving over `GET /api/alarms/stream` (Server-Sent Events) at a signed-in
 * operator. A whole Vedetta runs (startVedetta, as `vedetta serve` does), subscribed to the
 * camera's pull point; each round raises a tamper event and waits for the `raised` alarm, then
 * ends it and waits for `cleared`.
 */
import type { OnvifDevices } from '../src/sim/index.ts';
import { parseConfig } from '../src/app/config.ts';
import { silentLogger } from '../src/app/logger.ts';
import { startVedetta } from '../src/compose/index.ts';

/** What the measure needs: a running simulator's ONVIF side and one of its cameras. */
export interface EventLatencyInput {
  onvif: OnvifDevices;
  /** The simulated camera whose events are measured. */
  simCameraId: string;
  /** Its RTSP address (the camera is recorded, as a real one would be). */
  rtspUrl: string;
  /** `username:password` of the simulated devices. */
  credentials: string;
  dir: string;
  rounds: number;
}

/** Latencies in ms: event emitted → `raised`, and state ended → `cleared`. */
export interface EventLatency {
  raised: number[];
  cleared: number[];
}

const PASSWORD = 'correct horse battery staple';

/** Reads Server-Sent Events and resolves waiters on the first event of a name. */
class SseReader {
  private readonly waiters = new Map<string, () => void>();
  private buffer = '';

  constructor(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    const pump = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          if (name !== undefined) {
            this.waiters.get(name)?.();
            this.waiters.delete(name);
          }
        }
      }
    };
    pump().catch(() => undefined);
  }

  /** Resolves at the next event called `name`. */
  next(name: string): Promise<void> {
    return new Promise((resolve) => this.waiters.set(name, resolve));
  }
}

/** Measures `rounds` raise/clear pairs. */
export async function measureEventLatency(input: EventLatencyInput): Promise<EventLatency> {
  process.env['VEDETTA_BENCH_ONVIF_EVENTS'] = input.credentials;
  const config = parseConfig({
    storage: { path: input.dir },
    server: { host: '127.0.0.1', port: 0 },
    onvif: { clockCheckIntervalSeconds: 0 },
  });
  const vedetta = await startVedetta({ config, logger: silentLogger() });
  const controller = new AbortController();
  try {
    const { services } = vedetta;
    await services.accounts.users.create({
      username: 'rossi',
      password: PASSWORD,
      role: 'operator',
      agencyId: 'polizia-municipale',
    });
    await services.cameras.create({
      id: 'eventful',
      name: 'Eventful',
      streams: { main: input.rtspUrl },
      credentialsRef: 'env:VEDETTA_BENCH_ONVIF_EVENTS',
      location: { latitude: 44.1, longitude: 9.82 },
      onvif: { address: input.onvif.deviceUrl(input.simCameraId), profiles: { main: 'main' } },
    });
    await vedetta.syncCameras();
    const origin = vedetta.url.replace(/\/$/, '');
    const login = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rossi', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await fetch(`${origin}/api/alarms/stream`, {
      headers: { cookie },
      signal: controller.signal,
    });
    if (res.body === null) throw new Error(`alarm stream: ${res.status}`);
    const sse = new SseReader(res.body);
    // The subscriber picks the new camera up at its next look at the registry (every 10 s):
    // a first raise is waited for, not measured.
    for (let warm = false; !warm;) {
      const raised = sse.next('raised');
      input.onvif.emitEvent(input.simCameraId, 'tamper', true);
      warm = await Promise.race([
        raised.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2_000)),
      ]);
    }
    const cleared = sse.next('cleared');
    input.onvif.emitEvent(input.simCameraId, 'tamper', false);
    await cleared;

    const out: EventLatency = { raised: [], cleared: [] };
    for (let i = 0; i < input.rounds; i++) {
      for (const state of [true, false]) {
        const arrived = sse.next(state ? 'raised' : 'cleared');
        const start = performance.now();
        input.onvif.emitEvent(input.simCameraId, 'tamper', state);
        await arrived;
        (state ? out.raised : out.cleared).push(performance.now() - start);
      }
    }
    return out;
  } finally {
    controller.abort();
    await vedetta.close();
  }
}
