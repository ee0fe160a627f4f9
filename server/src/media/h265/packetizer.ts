/**
 * H.265 RTP packetizer (RFC 7798, without DONL), the inverse of the depacketizer: one access
 * unit's NAL units in, RTP payloads out (the last one carries the marker bit). Small NAL units
 * are aggregated into AP packets, large ones split into FU fragments.
 */

const AP = 48;
const FU = 49;

function checkNal(nal: Uint8Array): void {
  if (nal.length < 3) throw new RangeError(`H.265 NAL unit of ${nal.length} bytes (at least 3)`);
  const type = ((nal[0] ?? 0) >> 1) & 0x3f;
  if (type >= 48) {
    throw new RangeError(`H.265 NAL unit type ${type} cannot be sent as a single NAL unit`);
  }
}

function fragment(nal: Uint8Array, maxPayload: number, out: Uint8Array[]): void {
  const h0 = nal[0] ?? 0;
  const h1 = nal[1] ?? 0;
  const type = (h0 >> 1) & 0x3f;
  const chunk = maxPayload - 3;
  for (let at = 2; at < nal.length; at += chunk) {
    const end = Math.min(nal.length, at + chunk);
    const payload = new Uint8Array(3 + end - at);
    payload[0] = (h0 & 0x81) | (FU << 1);
    payload[1] = h1;
    payload[2] = (at === 2 ? 0x80 : 0) | (end === nal.length ? 0x40 : 0) | type;
    payload.set(nal.subarray(at, end), 3);
    out.push(payload);
  }
}

function aggregate(nals: readonly Uint8Array[]): Uint8Array {
  let size = 2;
  let f = 0;
  let layer = 63;
  let tid = 7;
  for (const nal of nals) {
    size += 2 + nal.length;
    const h0 = nal[0] ?? 0;
    const h1 = nal[1] ?? 0;
    f |= h0 & 0x80;
    layer = Math.min(layer, ((h0 & 1) << 5) | (h1 >> 3));
    tid = Math.min(tid, h1 & 7);
  }
  const payload = new Uint8Array(size);
  payload[0] = f | (AP << 1) | (layer >> 5);
  payload[1] = ((layer & 0x1f) << 3) | tid;
  let at = 2;
  for (const nal of nals) {
    payload[at] = nal.length >> 8;
    payload[at + 1] = nal.length & 0xff;
    payload.set(nal, at + 2);
    at += 2 + nal.length;
  }
  return payload;
}

/**
 * RTP payloads for one access unit, each at most `maxPayload` bytes (at least 4). Send them in
 * order with the same timestamp; set the marker bit on the last one. Throws `RangeError` on a
 * NAL unit that cannot be sent.
 */
export function packetizeH265(nalus: readonly Uint8Array[], maxPayload: number): Uint8Array[] {
  if (!Number.isInteger(maxPayload) || maxPayload < 4) {
    throw new RangeError(`maxPayload ${maxPayload} is too small for H.265 RTP (at least 4)`);
  }
  const out: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let pendingSize = 2;
  const flush = (): void => {
    const [only] = pending;
    if (pending.length === 1 && only !== undefined) out.push(only);
    else if (pending.length > 1) out.push(aggregate(pending));
    pending = [];
    pendingSize = 2;
  };
  for (const nal of nalus) {
    checkNal(nal);
    if (2 + 2 + nal.length <= maxPayload) {
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
