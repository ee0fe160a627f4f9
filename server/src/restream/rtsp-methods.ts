/**
 * The RTSP methods of the re-stream, for one connection: OPTIONS (no credentials), DESCRIBE
 * (SDP from the stream's parameter sets), SETUP (TCP interleaved only: UDP is answered 461 with
 * the reason), PLAY, PAUSE, TEARDOWN, and GET_PARAMETER / SET_PARAMETER as keep-alives. Every
 * method but OPTIONS needs Digest credentials (401 with a challenge; `stale=true` for an expired
 * nonce); DESCRIBE, SETUP and PLAY also ask the access check and the video source (403 with the
 * reason for a camera not granted or masked).
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  formatRtpInfo,
  formatSession,
  formatTransport,
  parseSession,
  parseTransport,
  writeSdp,
  type RtspRequest,
  type TransportSpec,
} from '../media/index.ts';
import type { TimerHandle } from '../app/index.ts';
import type { StreamEvent, StreamHub, StreamInfo } from '../ingest/index.ts';
import { streamPathOf, TRACK_CONTROL, type StreamPath } from './paths.ts';
import type { RestreamConnection } from './rtsp-connection.ts';
import type { RestreamRefusal } from './restream-access.ts';
import { RtpOut, VIDEO_PAYLOAD_TYPE } from './rtp-out.ts';
import type { ServiceAccount } from './service-accounts.ts';

const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER';

/** What a refusal answers: status, and the reason in a header and the body. */
const REFUSALS: Record<RestreamRefusal, { status: number; text: string }> = {
  not_granted: { status: 403, text: 'no agreement in force grants restream on this camera' },
  account_disabled: { status: 403, text: 'this service account is disabled' },
  masked: {
    status: 403,
    text: "the camera's privacy masks changed; connect again to receive it as it is now",
  },
  unavailable: { status: 404, text: 'this camera stream is not available' },
};

const UDP_REFUSED =
  'Vedetta re-streams over RTSP/TCP interleaved only (RTP over UDP is not offered); ' +
  'ask for Transport: RTP/AVP/TCP;unicast;interleaved=0-1 (e.g. ffmpeg -rtsp_transport tcp)';

/** Handles one request on a connection (requests of a connection are handled one at a time). */
export async function handleRequest(c: RestreamConnection, req: RtspRequest): Promise<void> {
  if (req.method === 'OPTIONS') return c.reply(req, 200, { Public: PUBLIC });
  const account = await authenticate(c, req);
  if (account === undefined) return;
  switch (req.method) {
    case 'DESCRIBE':
      return describe(c, req, account);
    case 'SETUP':
      return setup(c, req, account);
    case 'PLAY':
      return play(c, req, account);
    case 'PAUSE':
      if (!checkSession(c, req)) return;
      c.stream?.out?.pause();
      return c.reply(req, 200, { Session: sessionHeader(c) });
    case 'TEARDOWN':
      if (!checkSession(c, req)) return;
      c.endSession('teardown');
      c.closeStream();
      return c.reply(req, 200);
    case 'GET_PARAMETER':
    case 'SET_PARAMETER':
      if (req.headers.has('Session') && !checkSession(c, req)) return;
      return c.reply(req, 200);
    default:
      return c.reply(req, 501, { Public: PUBLIC });
  }
}

async function authenticate(
  c: RestreamConnection,
  req: RtspRequest,
): Promise<ServiceAccount | undefined> {
  const outcome = await c.ctx.authenticator.check(req.method, req.headers.get('Authorization'));
  if (outcome.kind === 'ok') {
    if (c.account !== undefined && c.account.id !== outcome.account.id && c.session) {
      // Another account on a connection with a session: refuse rather than mix them.
      c.reply(req, 455, {}, 'one service account per connection\r\n');
      return undefined;
    }
    c.account = outcome.account;
    return outcome.account;
  }
  if (outcome.kind === 'wrong' || outcome.kind === 'malformed') {
    c.log.info({ outcome: outcome.kind, uri: req.uri }, 'restream authentication failed');
    const path = streamPathOf(req.uri);
    c.ctx.audit.denied({
      name: outcome.kind === 'wrong' ? outcome.name : undefined,
      cameraId: path?.cameraId,
      stream: path?.stream,
      sourceAddress: c.sourceAddress,
      reason: 'bad_credentials',
    });
    await new Promise<void>((resolve) =>
      c.ctx.clock.setTimeout(resolve, c.ctx.failedAuthDelayMs()),
    );
  }
  c.reply(req, 401, {
    'WWW-Authenticate': c.ctx.authenticator.challenge(outcome.kind === 'stale'),
  });
  return undefined;
}

function refuse(
  c: RestreamConnection,
  req: RtspRequest,
  account: ServiceAccount,
  path: StreamPath,
  refused: RestreamRefusal,
): void {
  const r = REFUSALS[refused];
  c.ctx.audit.denied({
    account,
    cameraId: path.cameraId,
    stream: path.stream,
    sourceAddress: c.sourceAddress,
    reason: refused,
  });
  c.reply(req, r.status, { 'X-Vedetta-Refused': refused }, `${r.text}\r\n`);
}

/** Opens (or keeps) the stream a request names; answers and returns undefined when it cannot. */
async function open(
  c: RestreamConnection,
  req: RtspRequest,
  account: ServiceAccount,
): Promise<StreamInfo | undefined> {
  const path = streamPathOf(req.uri);
  if (path === undefined) {
    c.reply(req, 404, {}, 'addresses are rtsp://host:port/<camera-id>/<main|sub>\r\n');
    return undefined;
  }
  const admission = await c.ctx.admit(account, path);
  if ('refused' in admission) {
    refuse(c, req, account, path, admission.refused);
    return undefined;
  }
  const same = c.stream?.path.cameraId === path.cameraId && c.stream.path.stream === path.stream;
  if (!same) {
    if (c.session !== undefined) {
      c.reply(req, 459, {}, 'one camera stream per session\r\n');
      return undefined;
    }
    c.closeStream();
    const info = await waitForVideo(c, path, admission.hub);
    if (info === undefined) {
      c.reply(req, 503, {}, 'the camera is not streaming now; try again later\r\n');
      return undefined;
    }
  }
  return c.stream?.hub.info;
}

/** Subscribes (holding demand, so the camera is pulled) and waits for its video to start. */
function waitForVideo(
  c: RestreamConnection,
  path: StreamPath,
  hub: StreamHub,
): Promise<StreamInfo | undefined> {
  return new Promise<StreamInfo | undefined>((resolve) => {
    let settled = false;
    let timer: TimerHandle | undefined;
    const finish = (info: StreamInfo | undefined) => {
      if (settled) return;
      settled = true;
      timer?.cancel();
      resolve(info);
    };
    const subscription = hub.subscribe(
      {
        onEvent: (event: StreamEvent) => {
          if (event.type === 'started' || event.type === 'info-changed') finish(event.info);
          c.stream?.out?.onEvent(event);
        },
        isBehind: () => c.stream?.out?.isBehind() ?? false,
      },
      { name: `restream:${c.account?.name ?? '?'}`, lastGop: true },
    );
    c.stream = { path, hub, subscription, out: undefined };
    if (hub.live && hub.info !== undefined) finish(hub.info);
    if (c.closed) finish(undefined);
    if (!settled) timer = c.ctx.clock.setTimeout(() => finish(undefined), c.ctx.describeWaitMs);
  }).then((info) => {
    if (info !== undefined && !c.closed) return info;
    c.closeStream();
    return undefined;
  });
}

async function describe(c: RestreamConnection, req: RtspRequest, account: ServiceAccount) {
  const path = streamPathOf(req.uri);
  if (path?.track === true) return c.reply(req, 404);
  const info = await open(c, req, account);
  if (info === undefined || path === undefined) return;
  const sdp = writeSdp({
    codec: info.params.codec,
    payloadType: VIDEO_PAYLOAD_TYPE,
    params: info.params,
    control: TRACK_CONTROL,
    sessionName: `${path.cameraId} ${path.stream}`,
    sessionId: String(randomInt(1, 2 ** 47)),
    originAddress: c.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
  });
  const base = req.uri.endsWith('/') ? req.uri : `${req.uri}/`;
  c.reply(req, 200, { 'Content-Base': base, 'Content-Type': 'application/sdp' }, sdp);
}

async function setup(c: RestreamConnection, req: RtspRequest, account: ServiceAccount) {
  const header = req.headers.get('Transport');
  if (header === undefined) return c.reply(req, 400, {}, 'SETUP without Transport\r\n');
  const tcp = parseTransport(header).find((t) => t.lowerTransport === 'TCP');
  if (tcp === undefined) return c.reply(req, 461, {}, `${UDP_REFUSED}\r\n`);
  if (c.session !== undefined && !checkSession(c, req)) return;
  if (c.session === undefined && req.headers.has('Session')) return c.reply(req, 454);
  const channel = tcp.interleaved?.rtp ?? 0;
  if (channel > 254) return c.reply(req, 461, {}, 'interleaved channels must be 0-254\r\n');
  const info = await open(c, req, account);
  if (info === undefined || c.closed) return;
  const existing = c.session;
  const ssrc = existing?.ssrc ?? randomInt(0, 2 ** 32);
  const transport: TransportSpec = {
    protocol: 'RTP',
    profile: 'AVP',
    lowerTransport: 'TCP',
    delivery: 'unicast',
    interleaved: { rtp: channel, rtcp: channel + 1 },
    ssrc,
    extra: [],
  };
  c.session = {
    id: existing?.id ?? randomBytes(8).toString('hex').toUpperCase(),
    channel,
    ssrc,
    firstSeq: existing?.firstSeq ?? randomInt(0, 0x10000),
    baseTimestamp: existing?.baseTimestamp ?? randomInt(0, 2 ** 32),
    trackUrl: req.uri,
    record: existing?.record,
  };
  c.reply(req, 200, { Transport: formatTransport(transport), Session: sessionHeader(c) });
}

async function play(c: RestreamConnection, req: RtspRequest, account: ServiceAccount) {
  if (!checkSession(c, req)) return;
  const s = c.session;
  const stream = c.stream;
  if (s === undefined || stream === undefined) return c.reply(req, 455);
  const admission = await c.ctx.admit(account, stream.path);
  if ('refused' in admission) return refuse(c, req, account, stream.path, admission.refused);
  if (c.closed || c.session !== s) return;
  const info = stream.hub.info;
  if (info === undefined) return c.reply(req, 503);
  stream.out ??= new RtpOut({
    sink: c.socket,
    clock: c.ctx.clock,
    channel: s.channel,
    ssrc: s.ssrc,
    firstSeq: s.firstSeq,
    baseTimestamp: s.baseTimestamp,
    params: info.params,
    softLimitBytes: c.ctx.softLimitBytes,
    hardLimitBytes: c.ctx.hardLimitBytes,
    onTooSlow: () => {
      c.log.warn({ cameraId: stream.path.cameraId }, 'restream client too slow; closing');
      c.disconnect('too_slow');
    },
  });
  c.reply(req, 200, {
    Session: sessionHeader(c),
    Range: 'npt=now-',
    'RTP-Info': formatRtpInfo([{ url: s.trackUrl, seq: s.firstSeq, rtptime: s.baseTimestamp }]),
  });
  stream.out.play();
  if (s.record === undefined) {
    s.record = {
      account,
      cameraId: stream.path.cameraId,
      stream: stream.path.stream,
      sessionId: s.id,
      sourceAddress: c.sourceAddress,
      secure: c.ctx.secure,
      startedMs: c.ctx.clock.nowMs(),
    };
    c.ctx.audit.started(s.record);
  }
}

function sessionHeader(c: RestreamConnection): string {
  return formatSession({ id: c.session?.id ?? '', timeoutSeconds: c.ctx.sessionTimeoutSeconds });
}

/** True if the request names the connection's session; otherwise answers 454. */
function checkSession(c: RestreamConnection, req: RtspRequest): boolean {
  const value = req.headers.get('Session');
  const id = value === undefined ? undefined : parseSession(value).id;
  if (c.session !== undefined && id === c.session.id) return true;
  c.reply(req, 454);
  return false;
}
