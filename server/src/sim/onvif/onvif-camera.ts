/**
 * What the ONVIF side knows about one simulated camera: its identity (model, serial, discovery
 * uuid), its streams, its clock offset, its PTZ state (domes only), its privacy masks (fixed
 * cameras only), its events and the ONVIF faults in force (slow answers, SOAP faults on the next calls of an operation).
 */
import { createHash } from 'node:crypto';
import type { VideoCodec } from '../../media/index.ts';
import { EventHub } from './event-hub.ts';
import type { MaskState } from './mask-state.ts';
import { PtzState } from './ptz-state.ts';

/** A stream of a camera as the Media services describe it. */
export interface OnvifStream {
  /** Profile token: `main` or `sub`. */
  token: 'main' | 'sub';
  codec: VideoCodec;
  width: number;
  height: number;
  fps: number;
  gopFrames: number;
  bitrateKbps: number;
  /** RTSP URL (without credentials). */
  rtspUrl: string;
}

/** Fixed identity strings of the simulated devices. */
export const DEVICE_INFO = {
  manufacturer: 'Vedetta Sim',
  bulletModel: 'VS-BULLET-1080',
  domeModel: 'VS-DOME-1080',
  firmware: '1.0.0',
  hardwareId: '1',
} as const;

/** A stable `urn:uuid:` for a camera id (name-based, the same in every run). */
export function endpointUuid(cameraId: string): string {
  const h = createHash('sha1').update(`vedetta-sim-onvif:${cameraId}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** One simulated ONVIF device. */
export class OnvifCamera {
  /** Seconds the camera's clock is ahead of the real one (negative: behind). */
  clockOffsetSeconds = 0;
  /** Milliseconds every answer is delayed by (a fault). */
  slowMs = 0;
  /** SOAP faults still to answer, by operation local name. */
  readonly pendingFaults = new Map<string, number>();
  readonly events: EventHub;
  readonly ptz: PtzState | undefined;
  readonly uuid: string;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly streams: readonly OnvifStream[],
    isPtz: boolean,
    /** The camera's Media2 privacy masks; undefined: no mask support (ActionNotSupported). */
    readonly masks?: MaskState,
  ) {
    this.events = new EventHub(id);
    this.ptz = isPtz ? new PtzState() : undefined;
    this.uuid = endpointUuid(id);
  }

  get model(): string {
    return this.ptz === undefined ? DEVICE_INFO.bulletModel : DEVICE_INFO.domeModel;
  }

  get serial(): string {
    return `VSIM-${this.id}`;
  }

  /** The camera's wall clock, ms: the real time plus its offset. */
  nowMs(realNowMs: number): number {
    return realNowMs + this.clockOffsetSeconds * 1000;
  }

  /** The stream of a profile token, or undefined. */
  stream(token: string): OnvifStream | undefined {
    return this.streams.find((s) => s.token === token);
  }

  /** Takes one pending fault of an operation; true when this call must fail. */
  takeFault(operation: string): boolean {
    const n = this.pendingFaults.get(operation) ?? 0;
    if (n <= 0) return false;
    if (n === 1) this.pendingFaults.delete(operation);
    else this.pendingFaults.set(operation, n - 1);
    return true;
  }
}
