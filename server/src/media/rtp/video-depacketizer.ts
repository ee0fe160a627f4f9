/**
 * The codec-independent half of H.264 / H.265 depacketization: follows RTP sequence numbers,
 * groups NAL units into access units (the marker bit or a timestamp change ends one), reassembles
 * fragmented NAL units, and drops an access unit cleanly when a packet of it was lost or
 * malformed — it never emits a corrupt NAL unit. It never throws on packet content: problems are
 * returned with the access units. Codec subclasses split payloads into NAL units.
 */
import type { AccessUnit, VideoCodec } from '../types.ts';
import { AccessUnitBytes } from './au-bytes.ts';

/** The parts of an RTP packet a depacketizer reads (`RtpPacket` has them). */
export interface RtpPacketView {
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
  payload: Uint8Array;
}

/** What went wrong. */
export type DepacketizeProblemKind =
  /** Packets missing before this one (sequence gap). */
  | 'loss'
  /** A duplicate or late (reordered) packet, ignored. */
  | 'late'
  /** A payload that cannot be parsed. */
  | 'malformed'
  /** A packet type this depacketizer does not handle (e.g. interleaved-mode STAP-B, MTAP, PACI). */
  | 'unsupported'
  /** An access unit left out; `detail` says why. */
  | 'dropped';

/** One problem, in packet order. */
export interface DepacketizeProblem {
  kind: DepacketizeProblemKind;
  /** RTP timestamp of the packet or access unit concerned. */
  rtpTimestamp: number;
  detail: string;
}

/** Output of one `push` or `flush`. */
export interface DepacketizeResult {
  /** Complete access units. NAL units may be views into packet payloads. */
  accessUnits: AccessUnit[];
  problems: DepacketizeProblem[];
}

/** Limits and policy. */
export interface DepacketizerOptions {
  /** Largest access unit accepted, in bytes (default 16 MiB); larger ones are dropped. */
  maxAccessUnitBytes?: number;
  /** Most NAL units in one access unit (default 1024). */
  maxNalUnits?: number;
  /** After a dropped access unit, drop everything up to the next key frame (default false). */
  skipToKeyFrameAfterLoss?: boolean;
  /**
   * Lend access units (`AccessUnit.lent`) where it is safe: one completed at the end of a `push`
   * (its marker bit) is returned as views into the depacketizer's memory, valid until the next
   * `push` or `flush`; one completed mid-packet (by a timestamp change) is still copied. Default
   * false: every access unit's bytes are its own.
   */
  lendAccessUnits?: boolean;
}

/** Counters since creation. */
export interface DepacketizerStats {
  packets: number;
  accessUnits: number;
  keyFrames: number;
  droppedAccessUnits: number;
  lostPackets: number;
  latePackets: number;
  malformedPackets: number;
}

interface Assembly {
  timestamp: number;
  isKey: boolean;
  sawVcl: boolean;
  /** After a loss: the first VCL NAL unit must start a picture. */
  needsPictureStart: boolean;
  /** Why the access unit will be dropped, once damaged. */
  damage: string | undefined;
}

const MAX_MISORDER = 100;
/** Bytes of the length field before each NAL unit in `AccessUnitBytes`. */
const NAL_LENGTH_BYTES = 4;
const MAX_DROPOUT = 3000;

/** Base of the H.264 and H.265 depacketizers. */
export abstract class RtpVideoDepacketizer {
  /** The codec of the access units produced. */
  abstract readonly codec: VideoCodec;
  private readonly maxBytes: number;
  private readonly maxNalUnits: number;
  private readonly skipToKey: boolean;
  private readonly lend: boolean;
  private lastSeq: number | undefined;
  private au: Assembly | undefined;
  /** The access unit's bytes (see `AccessUnitBytes`: no input is held after `push` returns). */
  private readonly bytes = new AccessUnitBytes();
  /** Where the fragmented NAL unit being reassembled starts in `bytes`, if one is. */
  private fuStart: number | undefined;
  /** The next access unit must start a picture: true at the start and after a loss. */
  private afterLoss = true;
  private waitingForKey = false;
  /** Reused by every `push` and `flush` (one object per packet adds up at 36,000 packets/s). */
  private readonly result: DepacketizeResult = { accessUnits: [], problems: [] };
  private readonly counters: DepacketizerStats = {
    packets: 0,
    accessUnits: 0,
    keyFrames: 0,
    droppedAccessUnits: 0,
    lostPackets: 0,
    latePackets: 0,
    malformedPackets: 0,
  };

  constructor(options: DepacketizerOptions = {}) {
    this.maxBytes = options.maxAccessUnitBytes ?? 16 * 1024 * 1024;
    this.maxNalUnits = options.maxNalUnits ?? 1024;
    this.skipToKey = options.skipToKeyFrameAfterLoss ?? false;
    this.lend = options.lendAccessUnits ?? false;
  }

  /**
   * Splits one payload, `data[start, end)` (not empty), into NAL units with `addNal` and the
   * fragment methods.
   */
  protected abstract depacketize(data: Uint8Array, start: number, end: number): void;
  /** True for a NAL unit, `data[start, end)`, that makes its access unit a random-access point. */
  protected abstract isKeyNal(data: Uint8Array, start: number, end: number): boolean;
  /** True for a coded slice (VCL) NAL unit. */
  protected abstract isVclNal(data: Uint8Array, start: number, end: number): boolean;
  /** True for a VCL NAL unit that is the first slice of its picture. */
  protected abstract startsPicture(data: Uint8Array, start: number, end: number): boolean;
  /**
   * Sees every complete NAL unit (to capture in-band parameter sets); `data` is valid only during
   * the call (keep a copy with `retained`).
   */
  protected abstract observeNal(data: Uint8Array, start: number, end: number): void;

  /** Counters so far (a copy). */
  get stats(): DepacketizerStats {
    return { ...this.counters };
  }

  /** Counters as JSON (for stats endpoints). */
  toJSON(): DepacketizerStats {
    return this.stats;
  }

  /**
   * Takes one RTP packet of the stream; returns the access units it completes. The result object
   * and its arrays are reused: read them before the next `push` or `flush`.
   */
  push(packet: RtpPacketView): DepacketizeResult {
    const p = packet.payload;
    return this.pushPayload(p, 0, p.length, packet.sequenceNumber, packet.timestamp, packet.marker);
  }

  /**
   * `push` for a packet read in place (`readRtpHeader`): its payload is `data[start, end)`, valid
   * only during the call. No object is made per packet.
   */
  pushPayload(
    data: Uint8Array,
    start: number,
    end: number,
    sequenceNumber: number,
    timestamp: number,
    marker: boolean,
  ): DepacketizeResult {
    this.clearResult();
    this.counters.packets++;
    const seq = sequenceNumber & 0xffff;
    const ts = timestamp >>> 0;
    if (this.lastSeq !== undefined && !this.checkSequence(seq, ts)) return this.result;
    this.lastSeq = seq;
    // Finished mid-packet: this packet's bytes go where that access unit's are, so it is copied.
    if (this.au !== undefined && this.au.timestamp !== ts) this.finish(false);
    if (this.au === undefined) {
      this.au = {
        timestamp: ts,
        isKey: false,
        sawVcl: false,
        needsPictureStart: this.afterLoss,
        damage: undefined,
      };
      this.afterLoss = false;
    }
    if (end <= start) this.malformed('empty RTP payload');
    else this.depacketize(data, start, end);
    if (marker) this.finish(this.lend);
    return this.result;
  }

  /**
   * Ends the stream. The access unit in progress is dropped (and reported): without its marker
   * bit or a following packet, nothing shows that its last packets were not lost.
   */
  flush(): DepacketizeResult {
    this.clearResult();
    if (this.au !== undefined) {
      this.damage('the stream ended before it was complete');
      this.finish(false);
    }
    this.lastSeq = undefined;
    this.afterLoss = true;
    return this.result;
  }

  /** Forgets all state (e.g. after a reconnection); counters are kept. */
  reset(): void {
    this.lastSeq = undefined;
    this.au = undefined;
    this.bytes.clear();
    this.fuStart = undefined;
    this.afterLoss = true;
    this.waitingForKey = false;
  }

  /** False if the packet is to be ignored (duplicate or late). */
  private clearResult(): void {
    // Only when needed: setting an array's length is a call into the runtime, ~36,000 a second.
    if (this.result.accessUnits.length !== 0) this.result.accessUnits.length = 0;
    if (this.result.problems.length !== 0) this.result.problems.length = 0;
  }

  private checkSequence(seq: number, ts: number): boolean {
    const ahead = (seq - (this.lastSeq ?? 0)) & 0xffff;
    if (ahead === 1) return true;
    const behind = ((this.lastSeq ?? 0) - seq) & 0xffff;
    if (behind <= MAX_MISORDER) {
      this.counters.latePackets++;
      this.problem('late', ts, `packet ${seq} arrived after ${this.lastSeq ?? 0}; ignored`);
      return false;
    }
    const lost = ahead - 1;
    if (ahead < MAX_DROPOUT) {
      this.counters.lostPackets += lost;
      this.problem('loss', ts, `${lost} packet(s) lost before sequence number ${seq}`);
    } else {
      this.problem('loss', ts, `sequence number jumped from ${this.lastSeq ?? 0} to ${seq}`);
    }
    if (this.au !== undefined) this.damage('a packet of it was lost');
    this.fuStart = undefined;
    this.afterLoss = true;
    return true;
  }

  /** Adds one complete NAL unit, `data[start, end)` (copied). */
  protected addNal(data: Uint8Array, start: number, end: number): void {
    const au = this.au;
    if (au === undefined || end <= start) return;
    if (this.fuStart !== undefined) {
      // RFC 6184 5.8 / RFC 7798 4.4.3: nothing comes between the fragments of a NAL unit.
      this.fuStart = undefined;
      this.damage('a fragmented NAL unit was interrupted by another NAL unit');
      return;
    }
    if (this.accepts(au, data, start, end, end - start)) {
      const at = this.bytes.begin();
      this.bytes.append(data, start, end);
      this.bytes.commit(at);
    }
  }

  /**
   * Checks a NAL unit, `data[start, end)`, against the access unit and the limits, damaging the
   * access unit when it does not fit; `adding` is how many of its bytes are not yet in `bytes`.
   */
  private accepts(
    au: Assembly,
    data: Uint8Array,
    start: number,
    end: number,
    adding: number,
  ): boolean {
    this.observeNal(data, start, end);
    if (au.damage !== undefined) return false;
    const vcl = this.isVclNal(data, start, end);
    if (vcl && !au.sawVcl && au.needsPictureStart && !this.startsPicture(data, start, end)) {
      this.damage('its first slices were lost');
      return false;
    }
    if (this.bytes.length + adding > this.maxBytes) {
      this.damage(`it exceeds ${this.maxBytes} bytes`);
      return false;
    }
    if (this.bytes.nalCount >= this.maxNalUnits) {
      this.damage(`it has more than ${this.maxNalUnits} NAL units`);
      return false;
    }
    if (vcl) au.sawVcl = true;
    if (this.isKeyNal(data, start, end)) au.isKey = true;
    return true;
  }

  /**
   * Starts a fragmented NAL unit with its reconstructed header, `headerLength` (1 or 2) bytes
   * given big-endian in `header`, and its first data, `data[start, end)` (both copied).
   */
  protected startFragment(
    header: number,
    headerLength: 1 | 2,
    data: Uint8Array,
    start: number,
    end: number,
  ): void {
    if (this.fuStart !== undefined) this.damage('a fragmented NAL unit had no end');
    const at = this.bytes.begin();
    this.fuStart = at;
    if (headerLength === 2) this.bytes.appendByte(header >> 8);
    this.bytes.appendByte(header & 0xff);
    this.bytes.append(data, start, end);
  }

  /** Continues the fragmented NAL unit with `data[start, end)` (copied); `last` completes it. */
  protected continueFragment(data: Uint8Array, start: number, end: number, last: boolean): void {
    const at = this.fuStart;
    if (at === undefined) {
      if (this.au?.damage === undefined) this.damage('a fragment arrived without its start');
      return;
    }
    this.bytes.append(data, start, end);
    const nalStart = at + NAL_LENGTH_BYTES;
    if (this.bytes.end - nalStart > this.maxBytes) {
      this.fuStart = undefined;
      this.bytes.truncate(at);
      this.damage(`a NAL unit exceeds ${this.maxBytes} bytes`);
      return;
    }
    if (!last) return;
    this.fuStart = undefined;
    const au = this.au;
    if (au !== undefined && this.accepts(au, this.bytes.data, nalStart, this.bytes.end, 0)) {
      this.bytes.commit(at);
    } else {
      this.bytes.truncate(at);
    }
  }

  /**
   * `previous` if it holds the same bytes as `data[start, end)`, else a copy of those: for
   * parameter sets kept beyond the packet they came in (`observeNal` only sees a view).
   */
  protected retained(
    previous: Uint8Array | undefined,
    data: Uint8Array,
    start: number,
    end: number,
  ): Uint8Array {
    const size = end - start;
    if (previous !== undefined && previous.length === size) {
      let same = true;
      for (let i = 0; i < size && same; i++) same = previous[i] === data[start + i];
      if (same) return previous;
    }
    const copy = new Uint8Array(size); // not `slice`: a Buffer's does not copy
    copy.set(data.subarray(start, end));
    return copy;
  }

  /** Reports a payload that cannot be parsed; its access unit is dropped. */
  protected malformed(detail: string): void {
    this.counters.malformedPackets++;
    this.problem('malformed', this.au?.timestamp ?? 0, detail);
    this.damage('a packet of it was malformed');
  }

  /** Reports a packet type not handled; its access unit is dropped. */
  protected unsupported(detail: string): void {
    this.problem('unsupported', this.au?.timestamp ?? 0, detail);
    this.damage('a packet of it could not be depacketized');
  }

  /** Reports a packet that is ignored without harming its access unit (reserved types). */
  protected ignored(detail: string): void {
    this.problem('unsupported', this.au?.timestamp ?? 0, detail);
  }

  private damage(reason: string): void {
    const au = this.au;
    if (au === undefined || au.damage !== undefined) return;
    au.damage = reason;
    this.bytes.clear();
  }

  /** Ends the access unit being assembled; `lend`: its bytes may stay in `bytes` (see options). */
  private finish(lend: boolean): void {
    const au = this.au;
    if (au === undefined) return;
    if (this.fuStart !== undefined) {
      this.fuStart = undefined;
      this.damage('it ended inside a fragmented NAL unit');
    }
    this.au = undefined;
    if (au.damage !== undefined || this.bytes.nalCount === 0) this.bytes.clear();
    if (au.damage !== undefined) {
      this.drop(au.timestamp, `access unit dropped: ${au.damage}`);
      if (this.skipToKey) this.waitingForKey = true;
      return;
    }
    if (this.bytes.nalCount === 0) return;
    if (this.waitingForKey && !au.isKey) {
      this.bytes.clear();
      this.drop(au.timestamp, 'access unit dropped: waiting for a key frame after a loss');
      return;
    }
    this.waitingForKey = false;
    const taken = this.bytes.take(lend);
    this.result.accessUnits.push({
      codec: this.codec,
      nalus: taken.nalus,
      lengthPrefixed: taken.lengthPrefixed,
      rtpTimestamp: au.timestamp,
      isKey: au.isKey,
      lent: lend,
    });
    this.counters.accessUnits++;
    if (au.isKey) this.counters.keyFrames++;
  }

  private drop(timestamp: number, detail: string): void {
    this.counters.droppedAccessUnits++;
    this.problem('dropped', timestamp, detail);
  }

  private problem(kind: DepacketizeProblemKind, rtpTimestamp: number, detail: string): void {
    this.result.problems.push({ kind, rtpTimestamp, detail });
  }
}
