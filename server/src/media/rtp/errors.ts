/** The one error type of the RTP module: a malformed RTP or RTCP packet. */
export class RtpParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RtpParseError';
  }
}
