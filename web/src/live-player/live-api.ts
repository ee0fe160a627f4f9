/**
 * The live calls of the HTTP API: a stream token for one stream of a camera, and WebRTC
 * signalling. Thin typed functions over the app's one request function; errors are `ApiError`s
 * like every other API call.
 */
import { ApiError, apiRequest } from '../api/index.ts';

/** Which of a camera's streams: `sub` for tiles, `main` for an enlarged tile. */
export type StreamKind = 'main' | 'sub';

/** A stream token as issued by `POST /api/live/{cameraId}/token`. */
export interface StreamToken {
  token: string;
  expiresMs: number;
  msePath: string;
  webrtcPath: string;
}

/** Asks for a stream token; rejects with ApiError 403 when the user may not watch the camera. */
export async function requestStreamToken(
  cameraId: string,
  stream: StreamKind,
  options: { transcode?: boolean; signal?: AbortSignal } = {},
): Promise<StreamToken> {
  const body = await apiRequest('POST', `/api/live/${encodeURIComponent(cameraId)}/token`, {
    body: { stream, ...(options.transcode === true ? { transcode: true } : {}) },
    signal: options.signal,
  });
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
  const body = await apiRequest<{ sessionId?: unknown; sdp?: unknown } | undefined>('POST', path, {
    body: { token, sdp },
    signal,
  });
  if (typeof body?.sessionId !== 'string' || typeof body.sdp !== 'string') {
    throw new ApiError(200, 'invalid_response', 'WebRTC answer: unexpected answer');
  }
  return { sessionId: body.sessionId, sdp: body.sdp };
}

/**
 * Hangs up a WebRTC stream (best effort: the server also notices the connection closing). A 401
 * here is no news (a tile stopping after sign-out), so it is not reported as a lost session.
 */
export function hangUpWebRtc(sessionId: string): void {
  void apiRequest('DELETE', `/api/live/webrtc/${encodeURIComponent(sessionId)}`, {
    unauthorizedIsAnswer: true,
  }).catch(() => undefined);
}
