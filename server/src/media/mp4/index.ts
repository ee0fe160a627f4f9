/**
 * ISO BMFF (fragmented MP4) for recordings and live streaming: writing the init segment and
 * movie fragments of one H.264/H.265 video track, the box writer that other MP4 writers build on
 * (the export's progressive movie), and reading files back (init segment, fragment scan for crash
 * repair and indexing, per-fragment samples for export). Pure and synchronous.
 */
export { Mp4Error } from './mp4-error.ts';
export { box, ByteWriter, fullBox, identityMatrix, mp4Time, tableBox } from './box-writer.ts';
export { writeInitSegment, VIDEO_TRACK_ID } from './init-writer.ts';
export type { InitInfo } from './init-writer.ts';
export {
  writeFragment,
  writeFragmentHead,
  KEY_SAMPLE_FLAGS,
  NON_KEY_SAMPLE_FLAGS,
} from './fragment-writer.ts';
export type { FragmentInput, FragmentSample } from './fragment-writer.ts';
export { codecInfo } from './codec-info.ts';
export type { CodecInfo } from './codec-info.ts';
export { readBoxes, readBoxHeader } from './box-reader.ts';
export type { BoxHeader } from './box-reader.ts';
export { parseInitSegment } from './init-parser.ts';
export type { InitSegmentInfo } from './init-parser.ts';
export { scanFragments } from './fragment-scanner.ts';
export type { ByteRange, FragmentInfo, FragmentScan } from './fragment-scanner.ts';
export { readFragmentSamples } from './fragment-reader.ts';
export type { MoofSample, SampleDefaults } from './moof-parser.ts';
