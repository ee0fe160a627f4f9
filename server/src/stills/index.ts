/** The stills module's public entry: what other modules may use (see README.md). */
export { liveStill, type LiveStill, type StillHub } from './live-still.ts';
export { recordedStill, type RecordedStill } from './recorded-still.ts';
export {
  decodeStill,
  parseStillFormat,
  type StillFormat,
  type StillInput,
  stillMediaType,
} from './still-decoder.ts';
export {
  decodeKeyFrame,
  type KeyFrameLocation,
  type KeyFrameThumbnail,
  locateKeyFrame,
  scaledHeight,
} from './key-frame.ts';
