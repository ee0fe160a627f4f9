/**
 * The live calls of the HTTP API: a stream token for one stream of a camera, and WebRTC
 * signalling. Errors are `ApiError`s like every other API call.
 */
import { ApiError } from '../api/index.ts';
import { apiErrorFromResponse } from '../api/api-error.ts';

/** Which of a camera's streams: `sub` for tiles, `main` for an enlarged tile. */
export type StreamKind = 'main' | 'sub';

/** A stream token as issued by `POST /api/live/{cameraId}/token`. */
export interface StreamToken {
  token: string;
  expiresMs: number;
  msePath: string;
  webrtcPath: string;
}

async function call(path: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, signal: signal ?? null });
  } catch (cause) {
    if (signal?.aborted === true) throw cause;
    throw new ApiError(0, 'network', `${path}: server unreachable`, { cause });
  }
  const text = await res.text();
  if (!res.ok) throw apiErrorFromResponse(res.status, res.headers.get('retry-after'), text);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function json(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** Asks for a stream token; rejects with ApiError 403 when the user may not watch the camera. */
export async function requestStreamToken(
  cameraId: string,
  stream: StreamKind,
  options: { transcode?: boolean; signal?: AbortSignal } = {},
): Promise<StreamToken> {
  const body = await call(
    `/api/live/${encodeURIComponent(cameraId)}/token`,
    json({ stream, ...(options.transcode === true ? { transcode: true } : {}) }),
    options.signal,
  );
  const t = body as Partial<StreamToken> | undefined;
  if (typeof t?.token !== 'string' || typeof t.msePath !== 'string') {
    throw new ApiError(200, 'invalid_response', 'stream token: unexpected answer');
  }
  return t as StreamToken;
}

/** Posts a WebRTC offer; resolves with the server's answer. */
export async function postWebRtcOffer(
  path: string,
  token: string,
  sdp: string,
  signal?: AbortSignal,
): Promise<{ sessionId: string; sdp: string }> {
  const body = (await call(path, json({ token, sdp }), signal)) as
    { sessionId?: unknown; sdp?: unknown } | undefined;
  if (typeof body?.sessionId !== 'string' || typeof body.sdp !== 'string') {
    throw new ApiError(200, 'invalid_response', 'WebRTC answer: unexpected answer');
  }
  return { sessionId: body.sessionId, sdp: body.sdp };
}

/** Hangs up a WebRTC stream (best effort: the server also notices the connection closing). */
export function hangUpWebRtc(sessionId: string): void {
  void fetch(`/api/live/webrtc/${encodeURIComponent(sessionId)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
  }).catch(() => undefined);
}
