/**
 * The fault state of one simulated camera (shared by its main and sub streams): offline until a
 * time, stalled until a time, corrupting a fraction of packets until a time, and an RTP timestamp
 * offset that jumps on request. Times are the clock's monotonic milliseconds; `Infinity` means
 * "until restored".
 */

/** Fault kinds, as named by the control API and in logs. */
export type FaultKind =
  | 'disconnect'
  | 'offline'
  | 'stall'
  | 'corrupt'
  | 'timestamp-jump'
  | 'resolution-change'
  | 'restore';

/** The faults in force on a camera. */
export class CameraFaults {
  /** Connections to the camera are refused until then. */
  offlineUntilMs = 0;
  /** No media is sent until then (connections stay open). */
  stallUntilMs = 0;
  /** Packets are damaged until then... */
  corruptUntilMs = 0;
  /** ...this fraction of them (0..1). */
  corruptFraction = 0;
  /** Added to every RTP timestamp the camera sends (90 kHz ticks); grows with each jump. */
  timestampOffsetTicks = 0;

  /** True while the camera refuses connections. */
  isOffline(nowMs: number): boolean {
    return nowMs < this.offlineUntilMs;
  }

  /** True while media is withheld. */
  isStalled(nowMs: number): boolean {
    return nowMs < this.stallUntilMs;
  }

  /** The fraction of packets to damage now (0 when not corrupting). */
  corruptionAt(nowMs: number): number {
    return nowMs < this.corruptUntilMs ? this.corruptFraction : 0;
  }

  /** Clears every fault except the timestamp offset (a camera's clock does not jump back). */
  restore(): void {
    this.offlineUntilMs = 0;
    this.stallUntilMs = 0;
    this.corruptUntilMs = 0;
    this.corruptFraction = 0;
  }
}
