/**
 * The pixel size of a PNG or JPEG image from its first bytes (the overlay's placement needs it).
 * Pure: reads a buffer holding the file's start (64 KiB is plenty for real files).
 */

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The size of the PNG or JPEG in `head`, or null when it is neither (or truncated). */
export function imageSize(head: Buffer): ImageSize | null {
  if (head.length >= 24 && head.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1] ?? 0;
    const length = head.readUInt16BE(at + 2);
    // Start-of-frame markers C0..CF, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: head.readUInt16BE(at + 7), height: head.readUInt16BE(at + 5) };
    }
    at += 2 + length;
  }
  return null;
}
