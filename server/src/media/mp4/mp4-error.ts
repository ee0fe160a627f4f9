/**
 * The one error the MP4 readers and writers throw: a box that runs past its parent or the buffer,
 * a missing mandatory box, a field out of range, or writer input that cannot be encoded.
 */
export class Mp4Error extends Error {
  constructor(message: string, cause?: unknown) {
    super(`MP4: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'Mp4Error';
  }
}
