/**
 * Builds small PMTiles v3 archives for tests (github.com/protomaps/PMTiles spec/v3/spec.md):
 * raster tiles, no compression of the directory or tiles, every tile in the root directory.
 * And solid-colour PNG tiles, so a browser test can tell which tile it sees by its colour.
 */
import { deflateSync } from 'node:zlib';

/** One tile of the archive. */
export interface TestTile {
  z: number;
  x: number;
  y: number;
  data: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `size`×`size` PNG of one RGB colour. */
export function solidPng([r, g, b]: readonly [number, number, number], size = 256): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set([r, g, b], 1 + i * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The tile id of z/x/y (spec v3: the tiles of lower zooms first, then the Hilbert curve index of
 * x, y at zoom z). Written from the spec rather than taken from the reader, so the archive tests
 * the reader.
 */
export function zxyToTileId(z: number, x: number, y: number): number {
  const below = (4 ** z - 1) / 3;
  const n = 2 ** z;
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        tx = n - 1 - tx;
        ty = n - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return below + d;
}

function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** A PMTiles v3 archive of PNG `tiles` (any order; one entry each, no run-length sharing). */
export function buildPmtiles(
  tiles: readonly TestTile[],
  bounds = { minLon: -180, minLat: -85, maxLon: 180, maxLat: 85 },
): Buffer {
  const entries = tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data }))
    .sort((a, b) => a.id - b.id);
  let offset = 0;
  const placed = entries.map((e) => {
    const at = { ...e, offset, length: e.data.length };
    offset += e.data.length;
    return at;
  });
  const dir: number[] = [];
  varint(placed.length, dir);
  let last = 0;
  for (const e of placed) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (let i = 0; i < placed.length; i++) varint(1, dir); // run lengths
  for (const e of placed) varint(e.length, dir);
  placed.forEach((e, i) => {
    const prev = placed[i - 1];
    varint(prev !== undefined && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, dir);
  });
  const root = Buffer.from(dir);
  const metadata = Buffer.from('{}');
  const tileData = Buffer.concat(placed.map((e) => e.data));
  const zooms = tiles.map((t) => t.z);
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = 127;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(dataOffset, 40); // leaf directories: none
  u64(0, 48);
  u64(dataOffset, 56);
  u64(tileData.length, 64);
  u64(placed.length, 72); // addressed tiles
  u64(placed.length, 80); // tile entries
  u64(placed.length, 88); // tile contents
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = 2; // tile type: PNG
  header[100] = Math.min(...zooms);
  header[101] = Math.max(...zooms);
  header.writeInt32LE(Math.round(bounds.minLon * 1e7), 102);
  header.writeInt32LE(Math.round(bounds.minLat * 1e7), 106);
  header.writeInt32LE(Math.round(bounds.maxLon * 1e7), 110);
  header.writeInt32LE(Math.round(bounds.maxLat * 1e7), 114);
  header[118] = Math.min(...zooms);
  header.writeInt32LE(Math.round(((bounds.minLon + bounds.maxLon) / 2) * 1e7), 119);
  header.writeInt32LE(Math.round(((bounds.minLat + bounds.maxLat) / 2) * 1e7), 123);
  return Buffer.concat([header, root, metadata, tileData]);
}

/** A colour for tile z/x/y that differs between neighbours (for a browser test to tell them apart). */
export function tileColour(z: number, x: number, y: number): [number, number, number] {
  return [((x * 67 + z * 31) % 200) + 40, ((y * 89 + z * 17) % 200) + 40, ((x + y) % 2) * 150 + 60];
}

/** Every tile of zoom levels `minZoom`..`maxZoom`, each a solid colour (`tileColour`). */
export function colouredPyramid(minZoom: number, maxZoom: number, size = 256): TestTile[] {
  const tiles: TestTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const n = 2 ** z;
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++)
        tiles.push({ z, x, y, data: solidPng(tileColour(z, x, y), size) });
    }
  }
  return tiles;
}
