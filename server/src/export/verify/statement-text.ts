/**
 * Reads a segment statement back from its canonical text (as carried in a provenance file), so
 * that the verifier can check the recorder's signature over exactly those bytes and then use the
 * facts it states. Both versions are read: 2, and 1 (older packages and segments), which also
 * states the whole file's `sha256`. The text must be canonical: re-encoding the parsed facts gives
 * the same bytes.
 */
import { STATEMENT_HEADERS, statementBytes, type SegmentStatement } from '../../recording/index.ts';

/** Parses a canonical statement; a message naming what is wrong otherwise. */
export function parseStatement(text: string): SegmentStatement | string {
  const lines = text.split('\n');
  const v1 = lines[0] === STATEMENT_HEADERS[1];
  if (!v1 && lines[0] !== STATEMENT_HEADERS[2]) {
    return `statement does not start with ${STATEMENT_HEADERS[2]} or ${STATEMENT_HEADERS[1]}`;
  }
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const i = line.indexOf(': ');
    if (i < 0) return `statement line '${line}' is not 'name: value'`;
    fields.set(line.slice(0, i), line.slice(i + 2));
  }
  const get = (k: string): string => fields.get(k) ?? '';
  const num = (k: string): number => Number(get(k));
  const stream = get('stream');
  if (stream !== 'main' && stream !== 'sub') return `statement stream '${stream}' is unknown`;
  const s: SegmentStatement = {
    cameraId: get('camera'),
    stream,
    path: get('path'),
    startMs: num('start_ms'),
    endMs: num('end_ms'),
    sizeBytes: num('size_bytes'),
    frameCount: num('frame_count'),
    ...(v1 ? { sha256: get('sha256') } : {}),
    initSha256: get('init_sha256'),
    fragmentsSha256: get('fragments_sha256'),
    repaired: get('closed_by') === 'repaired',
  };
  if (!Number.isSafeInteger(s.startMs) || !Number.isSafeInteger(s.endMs)) {
    return 'statement times are not integers';
  }
  if (Buffer.compare(Buffer.from(statementBytes(s)), Buffer.from(text, 'utf8')) !== 0) {
    return 'statement text is not in canonical form';
  }
  return s;
}
