/**
 * H.264 RTP packetizer (RFC 6184), the inverse of the depacketizer: one access unit's NAL units
 * in, RTP payloads out (the last one carries the marker bit). Small NAL units are aggregated into
 * STAP-A packets, large ones split into FU-A fragments (packetization-mode 1); mode 0 sends one
 * NAL unit per packet and refuses NAL units that do not fit.
 */

/** Options of `packetizeH264`. */
export interface H264PacketizeOptions {
  /** RFC 6184 packetization-mode: 1 (default: STAP-A and FU-A) or 0 (single NAL units only). */
  packetizationMode?: 0 | 1;
}

const STAP_A = 24;
const FU_A = 28;

function checkNal(nal: Uint8Array): void {
  if (nal.length === 0) throw new RangeError('empty H.264 NAL unit');
  const type = (nal[0] ?? 0) & 0x1f;
  if (type === 0 || type >= 24) {
    throw new RangeError(`H.264 NAL unit type ${type} cannot be sent as a single NAL unit`);
  }
}

function fragment(nal: Uint8Array, maxPayload: number, out: Uint8Array[]): void {
  const header = nal[0] ?? 0;
  const indicator = (header & 0xe0) | FU_A;
  const type = header & 0x1f;
  const chunk = maxPayload - 2;
  for (let at = 1; at < nal.length; at += chunk) {
    const end = Math.min(nal.length, at + chunk);
    const payload = new Uint8Array(2 + end - at);
    payload[0] = indicator;
    payload[1] = (at === 1 ? 0x80 : 0) | (end === nal.length ? 0x40 : 0) | type;
    payload.set(nal.subarray(at, end), 2);
    out.push(payload);
  }
}

function aggregate(nals: readonly Uint8Array[]): Uint8Array {
  let size = 1;
  let f = 0;
  let nri = 0;
  for (const nal of nals) {
    size += 2 + nal.length;
    f |= (nal[0] ?? 0) & 0x80;
    nri = Math.max(nri, (nal[0] ?? 0) & 0x60);
  }
  const payload = new Uint8Array(size);
  payload[0] = f | nri | STAP_A;
  let at = 1;
  for (const nal of nals) {
    payload[at] = nal.length >> 8;
    payload[at + 1] = nal.length & 0xff;
    payload.set(nal, at + 2);
    at += 2 + nal.length;
  }
  return payload;
}

/**
 * RTP payloads for one access unit, each at most `maxPayload` bytes (at least 3; typically the
 * MTU minus 40). Send them in order with the same timestamp; set the marker bit on the last one.
 * Throws `RangeError` on an empty or unsendable NAL unit.
 */
export function packetizeH264(
  nalus: readonly Uint8Array[],
  maxPayload: number,
  options: H264PacketizeOptions = {},
): Uint8Array[] {
  if (!Number.isInteger(maxPayload) || maxPayload < 3) {
    throw new RangeError(`maxPayload ${maxPayload} is too small for H.264 RTP (at least 3)`);
  }
  const mode = options.packetizationMode ?? 1;
  const out: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pendingSize = 1;
  const flush = (): void => {
    const [only] = pending;
    if (pending.length === 1 && only !== undefined) out.push(only);
    else if (pending.length > 1) out.push(aggregate(pending));
    pending = [];
    pendingSize = 1;
  };
  for (const nal of nalus) {
    checkNal(nal);
    if (mode === 0) {
      if (nal.length > maxPayload) {
        throw new RangeError(
          `H.264 NAL unit of ${nal.length} bytes exceeds ${maxPayload} in packetization-mode 0`,
        );
      }
      out.push(nal);
      continue;
    }
    if (1 + 2 + nal.length <= maxPayload) {
      if (pendingSize + 2 + nal.length > maxPayload) flush();
      pending.push(nal);
      pendingSize += 2 + nal.length;
      continue;
    }
    flush();
    if (nal.length <= maxPayload) out.push(nal);
    else fragment(nal, maxPayload, out);
  }
  flush();
  return out;
}
