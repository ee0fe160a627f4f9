/**
 * The 3GPP timed-text (`tx3g`, TS 26.245) subtitle track that carries the recorded wall-clock
 * time beside the video, readable by VLC, ffmpeg and most players: its sample entry and samples.
 */
import { box, ByteWriter } from '../../media/index.ts';

/** The `tx3g` sample entry: centred at the bottom, white on translucent black, sans-serif. */
export function tx3gSampleEntry(): Uint8Array {
  const fields = new ByteWriter()
    .zeros(6)
    .u16(1) // data_reference_index
    .u32(0) // displayFlags
    .i8(1) // horizontal justification: centre
    .i8(-1) // vertical justification: bottom
    .u8(0)
    .u8(0)
    .u8(0)
    .u8(0xc0) // background RGBA
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0) // default text box
    .u16(0)
    .u16(0) // style: startChar, endChar
    .u16(1) // font id
    .u8(0) // face style
    .u8(18) // font size
    .u32(0xffffffff) // text RGBA
    .finish();
  const name = 'Sans-Serif';
  const ftab = box('ftab', new ByteWriter().u16(1).u16(1).u8(name.length).text(name).finish());
  return box('tx3g', fields, ftab);
}

/** One text sample: a 16-bit length and the UTF-8 text. */
export function tx3gSample(text: string): Uint8Array {
  const t = new TextEncoder().encode(text).subarray(0, 0xffff);
  return new ByteWriter(2 + t.length).u16(t.length).bytes(t).finish();
}
