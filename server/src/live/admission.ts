/**
 * The gate every live stream passes: the stream token must be valid, unused, unexpired and bound
 * to this camera, stream and the session's user, and the user must still be allowed to watch the
 * camera. Every refusal is audited; the caller only learns "permission denied" (a refusal never
 * says whether the camera exists).
 */
import { permissionDenied } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { StreamKind } from '../ingest/index.ts';
import type { LiveAccess } from './live-access.ts';
import type { LiveTransport, LiveViewers } from './live-viewers.ts';
import type { StreamGrant, StreamTokens } from './stream-tokens.ts';

/** What the gate needs. */
export interface AdmissionDeps {
  tokens: StreamTokens;
  access: LiveAccess;
  viewers: LiveViewers;
}

/** One request to open a stream. */
export interface AdmissionRequest {
  cameraId: string;
  stream: StreamKind;
  transport: LiveTransport;
  token: string | undefined;
  /** The principal of the request's session, when it has one. */
  principal: Principal | undefined;
  sourceAddress: string;
}

/** Checks a request to open a stream; returns its grant or throws `permission_denied`. */
export async function admitStream(
  deps: AdmissionDeps,
  req: AdmissionRequest,
): Promise<StreamGrant> {
  const refuse = (reason: string, principal: Principal | null): never => {
    deps.viewers.refuse({
      cameraId: req.cameraId,
      stream: req.stream,
      transport: req.transport,
      reason,
      principal,
      sourceAddress: req.sourceAddress,
    });
    throw permissionDenied('live stream refused: ask for a new stream token');
  };
  if (req.token === undefined || req.token === '') {
    return refuse('no stream token', req.principal ?? null);
  }
  const check = deps.tokens.take(req.token, req.cameraId, req.stream, req.principal?.userId);
  if (!check.ok) {
    return refuse(`stream token refused: ${check.reason}`, req.principal ?? null);
  }
  const grant = check.grant;
  if (!(await deps.access.mayWatch(grant.principal, req.cameraId))) {
    return refuse('live.view not held on this camera', grant.principal);
  }
  return { ...grant, sourceAddress: req.sourceAddress };
}
