/**
 * Plays a live stream over WebRTC: a receive-only video transceiver and a `status` data channel,
 * one offer posted with the stream token once ICE gathering is complete, the answer applied. The
 * camera's H.264 arrives as it left the camera; its RTP timestamps carry the camera's wall clock.
 */
import { hangUpWebRtc, postWebRtcOffer } from './live-api.ts';
import type { PlayerEvents } from './player-state.ts';

/** How long ICE gathering may take before the offer is sent with what was found. */
const GATHER_MS = 2000;

/** One WebRTC live stream into one video element. */
export class WebRtcPlayer {
  private pc: RTCPeerConnection | undefined;
  private sessionId: string | undefined;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly path: string,
    private readonly token: string,
    private readonly events: PlayerEvents,
  ) {}

  /** Signals and connects; rejects when the server refuses the offer. */
  async start(): Promise<void> {
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    const status = pc.createDataChannel('status');
    status.onmessage = (e: MessageEvent<string>) => this.onStatus(e.data);
    pc.ontrack = (e) => {
      this.video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      this.video.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      if (this.stopped) return;
      const s = pc.connectionState;
      if (s === 'failed' || s === 'disconnected' || s === 'closed') {
        this.events.onState({ kind: 'error', message: `WebRTC ${s}` });
      }
    };
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    const offer = pc.localDescription?.sdp ?? '';
    const answer = await postWebRtcOffer(this.path, this.token, offer, this.abort.signal);
    this.sessionId = answer.sessionId;
    if (this.stopped) {
      hangUpWebRtc(answer.sessionId);
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  }

  /** Hangs up and releases the connection. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.sessionId !== undefined) hangUpWebRtc(this.sessionId);
    this.pc?.close();
    this.pc = undefined;
    this.video.srcObject = null;
  }

  private onStatus(text: string): void {
    let m: { type?: string; cause?: string; reason?: string };
    try {
      m = JSON.parse(text) as { type?: string; cause?: string; reason?: string };
    } catch {
      return;
    }
    if (m.type === 'ended') {
      // The server ends the stream: say why at once, and close the connection (the server
      // keeps it open until then, so that this message is not lost; no hang-up to send).
      this.stopped = true;
      this.sessionId = undefined;
      this.pc?.close();
      if (m.reason === 'permission_revoked') this.events.onState({ kind: 'denied' });
      else if (m.reason === 'session_ended') this.events.onState({ kind: 'signed-out' });
      else this.events.onState({ kind: 'error', message: `stream ended (${m.reason ?? '?'})` });
      return;
    }
    if (m.type === 'offline') this.events.onState({ kind: 'offline', cause: m.cause ?? 'offline' });
    else if (m.type === 'waiting') this.events.onState({ kind: 'waiting' });
    else if (m.type === 'online') this.events.onState({ kind: 'connecting' });
  }
}

function gatheringComplete(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, GATHER_MS);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
