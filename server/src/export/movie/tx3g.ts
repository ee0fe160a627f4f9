/**
 * The 3GPP timed-text (`tx3g`, TS 26.245) subtitle track that carries the recorded wall-clock
 * time beside the video, readable by VLC, ffmpeg and most players: its sample entry and samples.
 */
import { box, Fields } from './boxes.ts';

/** The `tx3g` sample entry: centred at the bottom, white on translucent black, sans-serif. */
export function tx3gSampleEntry(): Buffer {
  const fields = new Fields()
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
    .done();
  const name = Buffer.from('Sans-Serif', 'latin1');
  const ftab = box('ftab', new Fields().u16(1).u16(1).u8(name.length).raw(name).done());
  return box('tx3g', fields, ftab);
}

/** One text sample: a 16-bit length and the UTF-8 text. */
export function tx3gSample(text: string): Buffer {
  const t = Buffer.from(text, 'utf8');
  const len = Math.min(t.length, 0xffff);
  const out = Buffer.alloc(2 + len);
  out.writeUInt16BE(len, 0);
  t.copy(out, 2, 0, len);
  return out;
}
