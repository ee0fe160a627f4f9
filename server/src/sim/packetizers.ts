/**
 * The RTP packetiser for each codec, from the pure media layer (RFC 6184 for H.264, RFC 7798 for
 * H.265), behind one signature: a picture's NAL units in, RTP payloads out.
 */
import { packetizeH264, packetizeH265 } from '../media/index.ts';
import type { VideoCodec } from '../media/index.ts';

/** Turns one picture's NAL units into RTP payloads of at most `maxPayload` bytes. */
export type Packetize = (nalus: readonly Uint8Array[], maxPayload: number) => Uint8Array[];

/** The packetiser for a codec. */
export function packetizerFor(codec: VideoCodec): Packetize {
  return codec === 'h264' ? packetizeH264 : packetizeH265;
}
