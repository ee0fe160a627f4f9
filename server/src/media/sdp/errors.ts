/** The one error type of the SDP module: a session description that cannot be read or written. */
export class SdpParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SdpParseError';
  }
}
