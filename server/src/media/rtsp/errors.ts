/**
 * The one error type of the RTSP module. Every malformed RTSP message, header or authentication
 * value, and every value that cannot be written as RTSP, ends in an `RtspParseError` whose message
 * names what is wrong.
 */

/** A malformed (or unwritable) RTSP message, header or credential. */
export class RtspParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RtspParseError';
  }
}
