/**
 * A mount point of the simulator: one stream of one camera (`cam-001` main, `cam-001/sub`), the
 * clip it currently plays, the camera's shared fault state, its live senders and its counters.
 */
import type { CameraFaults } from './faults.ts';
import type { PreparedClip } from './prepared-clip.ts';

/** Counters of one mount, summed over its sessions. */
export interface MountStats {
  /** Frames written to sockets. */
  framesSent: number;
  /** Bytes written to sockets (interleaved framing and RTP headers included). */
  bytesSent: number;
  /** RTP packets written. */
  packetsSent: number;
  /** Frames not sent: stalled, waiting for a key frame, or a slow client. */
  framesSkipped: number;
  /** Packets damaged on purpose. */
  packetsCorrupted: number;
  /** RTSP sessions started with PLAY. */
  sessionsStarted: number;
  /** Connections closed because the client did not read fast enough. */
  slowClientsDropped: number;
}

/** Something playing the mount, which the mount can end (a fault disconnecting it). */
export interface MountListener {
  /** Closes the session's connection at once. */
  disconnect(): void;
}

/** One stream of one simulated camera. */
export class Mount {
  readonly stats: MountStats = {
    framesSent: 0,
    bytesSent: 0,
    packetsSent: 0,
    framesSkipped: 0,
    packetsCorrupted: 0,
    sessionsStarted: 0,
    slowClientsDropped: 0,
  };
  /** Sessions currently attached (described or playing). */
  readonly listeners = new Set<MountListener>();

  constructor(
    /** The camera's id, e.g. `cam-001`. */
    readonly cameraId: string,
    /** The mount's path without leading slash, e.g. `cam-001` or `cam-001/sub`. */
    readonly path: string,
    /** The clip played now; a resolution change replaces it (sessions switch at a key frame). */
    public clip: PreparedClip,
    /** The camera's faults, shared by its streams. */
    readonly faults: CameraFaults,
  ) {}

  /** Closes every session of the mount. */
  disconnectAll(): number {
    const all = [...this.listeners];
    for (const l of all) l.disconnect();
    return all.length;
  }
}
