/**
 * The WS-Discovery client: sends one Probe over UDP to each configured target (the multicast
 * group `239.255.255.250:3702` on a camera network, or single addresses), collects the
 * ProbeMatches that arrive within `durationMs` (on the injected clock), and returns the devices
 * deduplicated by EndpointReference. Answers that do not parse are skipped (and counted); a
 * target the Probe cannot be sent to is reported, not thrown, so the others still count.
 */
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import type { Clock } from '../app/index.ts';
import { parseProbeMatches, writeProbe, type DiscoveredDevice } from './discovery-messages.ts';
import { OnvifError } from './errors.ts';

/** What a discovery run is given. */
export interface DiscoveryOptions {
  /** `host:port` targets, e.g. `239.255.255.250:3702` or `10.0.4.17:3702`. */
  readonly targets: readonly string[];
  /** How long answers are collected, ms. */
  readonly durationMs: number;
  readonly clock: Clock;
  /** Largest datagram read; larger ones are skipped. */
  readonly maxMessageBytes?: number;
}

/** What a discovery run found. */
export interface DiscoveryResult {
  readonly devices: DiscoveredDevice[];
  /** Answers that were not a readable ProbeMatches. */
  readonly malformed: number;
  /** Targets the Probe could not be sent to (no route to a multicast group, say), with why. */
  readonly failedTargets: { readonly target: string; readonly message: string }[];
}

/** `host:port` → its parts; throws `OnvifError('protocol')` for anything else. */
export function parseTarget(target: string): { host: string; port: number } {
  const m = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(target.trim());
  const port = m === null ? NaN : Number(m[2]);
  if (m === null || !(port > 0 && port < 65536)) {
    throw new OnvifError('protocol', 'Probe', `not a host:port target: ${target}`);
  }
  return { host: m[1] ?? '', port };
}

/** Probes the targets and collects the answers for `durationMs`. */
export async function discoverDevices(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const targets = options.targets.map(parseTarget);
  const maxBytes = options.maxMessageBytes ?? 64 * 1024;
  const messageId = `urn:uuid:${randomUUID()}`;
  const probe = Buffer.from(writeProbe(messageId), 'utf8');
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const found = new Map<string, DiscoveredDevice>();
  let malformed = 0;
  const failedTargets: { target: string; message: string }[] = [];
  socket.on('message', (msg) => {
    if (msg.length > maxBytes) {
      malformed++;
      return;
    }
    try {
      for (const d of parseProbeMatches(msg.toString('utf8'), messageId)) {
        const known = found.get(d.endpoint);
        // One device may answer on several targets: keep every address it gave.
        found.set(
          d.endpoint,
          known === undefined
            ? d
            : { ...known, xaddrs: [...new Set([...known.xaddrs, ...d.xaddrs])] },
        );
      }
    } catch {
      malformed++;
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (e) =>
        reject(new OnvifError('unreachable', 'Probe', e.message, { cause: e })),
      );
      socket.bind(0, () => resolve());
    });
    await Promise.all(
      targets.map(
        (t, i) =>
          new Promise<void>((resolve) => {
            socket.send(probe, t.port, t.host, (err) => {
              if (err)
                failedTargets.push({ target: options.targets[i] ?? '', message: err.message });
              resolve();
            });
          }),
      ),
    );
    await new Promise<void>((resolve) => options.clock.setTimeout(resolve, options.durationMs));
  } finally {
    socket.close();
  }
  return { devices: [...found.values()], malformed, failedTargets };
}
