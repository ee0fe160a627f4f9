/** The error the H.265 parameter-set parsers (VPS, SPS) throw for malformed or truncated input. */
export class H265ParseError extends Error {
  constructor(message: string, cause?: unknown) {
    super(`H.265 ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'H265ParseError';
  }
}
