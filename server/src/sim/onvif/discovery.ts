/**
 * The WS-Discovery responder: a UDP socket that answers every Probe with one ProbeMatches
 * datagram per matching camera, sent to the probe's source address and port after a random wait
 * (as real devices do). The CLI listens on 0.0.0.0:3702 and joins 239.255.255.250; tests use 127.0.0.1 and port 0.
 */
import dgram from 'node:dgram';
import type { Logger } from '../../app/index.ts';
import { matchesTypes, parseProbe, probeMatches } from './discovery-xml.ts';
import type { OnvifCamera } from './onvif-camera.ts';

/** The longest a device waits before answering a Probe (WS-Discovery 1.1, APP_MAX_DELAY). */
const APP_MAX_DELAY_MS = 500;

/** The WS-Discovery multicast group. */
export const DISCOVERY_MULTICAST = '239.255.255.250';

/** A running responder. */
export interface DiscoveryResponder {
  readonly port: number;
  /** Whether it joined the multicast group. */
  readonly multicast: boolean;
  close(): Promise<void>;
}

/** Starts answering probes for `cameras`; `deviceUrl(cam, host)` gives each XAddr. */
export async function startDiscovery(opts: {
  host: string;
  port: number;
  cameras: readonly OnvifCamera[];
  /** The device service address of a camera, for a probe that arrived from `remoteHost`. */
  deviceUrl(cam: OnvifCamera): string;
  /** Join 239.255.255.250 (only when listening on 0.0.0.0 or a real interface). */
  joinMulticast: boolean;
  logger: Logger;
}): Promise<DiscoveryResponder> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const pending = new Set<ReturnType<typeof setTimeout>>();
  socket.on('message', (msg, rinfo) => {
    const probe = parseProbe(msg.toString('utf8'));
    if (probe === undefined) return;
    // Each device answers after a random wait (WS-Discovery's APP_MAX_DELAY, 500 ms), so that
    // a room of cameras does not flood the prober's receive buffer at once; a few simulated
    // cameras spread their answers over a few milliseconds only.
    const spreadMs = Math.min(APP_MAX_DELAY_MS, opts.cameras.length * 2);
    for (const cam of opts.cameras) {
      if (!matchesTypes(cam, probe.types)) continue;
      const answer = probeMatches(cam, probe, opts.deviceUrl(cam));
      const timer = setTimeout(() => {
        pending.delete(timer);
        socket.send(answer, rinfo.port, rinfo.address, (err) => {
          if (err) opts.logger.debug({ err }, 'cannot answer a WS-Discovery probe');
        });
      }, Math.random() * spreadMs);
      pending.add(timer);
    }
  });
  socket.on('error', (err) => opts.logger.warn({ err }, 'WS-Discovery socket error'));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  let multicast = false;
  if (opts.joinMulticast) {
    try {
      socket.addMembership(DISCOVERY_MULTICAST);
      multicast = true;
    } catch (err) {
      opts.logger.warn(
        { err },
        'cannot join the WS-Discovery multicast group; unicast probes only',
      );
    }
  }
  return {
    port: socket.address().port,
    multicast,
    close: () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}
