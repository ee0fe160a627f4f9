/**
 * The Events service of one ONVIF device, through a pull point (ONVIF Events, WS-BaseNotification):
 * CreatePullPointSubscription on the events service address, then PullMessages, Renew and
 * Unsubscribe at the subscription's own address. Requests are signed like the device client's
 * (a UsernameToken in the DEVICE's time: pass the offset `OnvifClient.getSystemDateAndTime`
 * found) and carry the WS-Addressing `Action` and `To` some devices route on.
 */
import type { Clock } from '../app/index.ts';
import { ONVIF_MAX_RESPONSE_BYTES, ONVIF_TIMEOUT_MS } from './client.ts';
import { OnvifError } from './errors.ts';
import {
  parseCreatePullPoint,
  parsePullMessages,
  parseRenew,
  type OnvifEventMessage,
  type PullPointSubscription,
} from './event-parsers.ts';
import { readResponse, writeEnvelope } from './soap.ts';
import { postSoap, type OnvifCredentials } from './transport.ts';
import { usernameTokenHeader } from './ws-security.ts';
import { escapeXml, type XmlNode } from './xml.ts';

const WSA = 'http://www.w3.org/2005/08/addressing';
const WSNT = 'http://docs.oasis-open.org/wsn/b-2';

/** What an events client is made with. */
export interface EventsClientOptions {
  /** The events service address (GetServices/GetCapabilities `events`). */
  eventsUrl: string;
  credentials?: OnvifCredentials | undefined;
  clock: Clock;
  /** Device clock minus server clock, ms (0 when unknown). */
  offsetMs?: number;
  timeoutMs?: number;
}

/** What one PullMessages brought. */
export interface PulledMessages {
  messages: OnvifEventMessage[];
  /** Time left of the subscription, ms, as the device said; null when unsaid. */
  remainingMs: number | null;
}

/** The pull-point operations. */
export interface OnvifEventsClient {
  /** A new pull point that ends after `terminationSeconds` unless renewed. */
  createPullPoint(terminationSeconds: number): Promise<PullPointSubscription>;
  /** Waits up to `waitSeconds` on the device for at most `limit` messages. */
  pullMessages(address: string, waitSeconds: number, limit: number): Promise<PulledMessages>;
  /** Extends the subscription by `terminationSeconds`; the time left, ms (null: unsaid). */
  renew(address: string, terminationSeconds: number): Promise<number | null>;
  unsubscribe(address: string): Promise<void>;
  /** Sets the device clock offset (after reading the device's clock again). */
  setOffset(offsetMs: number): void;
}

/** True for the fault of a subscription that expired or that the device forgot. */
export function isResourceUnknown(e: unknown): boolean {
  if (!(e instanceof OnvifError) || e.fault === null) return false;
  const { code, subcode, reason } = e.fault;
  return /ResourceUnknown/i.test(`${code} ${subcode ?? ''} ${reason}`);
}

const duration = (seconds: number): string => `PT${Math.max(1, Math.round(seconds))}S`;

/** Creates an events client; no request is made until an operation is called. */
export function createEventsClient(options: EventsClientOptions): OnvifEventsClient {
  const { eventsUrl, credentials, clock } = options;
  let offsetMs = options.offsetMs ?? 0;
  const timeoutMs = options.timeoutMs ?? ONVIF_TIMEOUT_MS;

  async function call(
    url: string,
    operation: string,
    action: string,
    body: string,
    extraWaitMs = 0,
  ): Promise<XmlNode> {
    const security =
      credentials !== undefined
        ? usernameTokenHeader(credentials.username, credentials.password, clock.nowMs() + offsetMs)
        : '';
    const addressing =
      `<wsa:Action xmlns:wsa="${WSA}">${escapeXml(action)}</wsa:Action>` +
      `<wsa:To xmlns:wsa="${WSA}">${escapeXml(url)}</wsa:To>`;
    const text = await postSoap(url, writeEnvelope(body, security + addressing), {
      action,
      operation,
      credentials,
      limits: {
        clock,
        timeoutMs: timeoutMs + extraWaitMs,
        maxResponseBytes: ONVIF_MAX_RESPONSE_BYTES,
      },
    });
    return readResponse(text, operation);
  }

  const tev = (op: string): string => `http://www.onvif.org/ver10/events/wsdl/${op}`;
  const wsnt = (op: string): string =>
    `http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/${op}Request`;

  return {
    async createPullPoint(terminationSeconds) {
      const r = await call(
        eventsUrl,
        'CreatePullPointSubscription',
        tev('EventPortType/CreatePullPointSubscriptionRequest'),
        `<tev:CreatePullPointSubscription><tev:InitialTerminationTime>${duration(terminationSeconds)}` +
          `</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`,
      );
      return parseCreatePullPoint(r);
    },
    async pullMessages(address, waitSeconds, limit) {
      const r = await call(
        address,
        'PullMessages',
        tev('PullPointSubscription/PullMessagesRequest'),
        `<tev:PullMessages><tev:Timeout>${duration(waitSeconds)}</tev:Timeout>` +
          `<tev:MessageLimit>${Math.max(1, Math.floor(limit))}</tev:MessageLimit></tev:PullMessages>`,
        waitSeconds * 1000,
      );
      return parsePullMessages(r);
    },
    async renew(address, terminationSeconds) {
      const r = await call(
        address,
        'Renew',
        wsnt('Renew'),
        `<wsnt:Renew xmlns:wsnt="${WSNT}"><wsnt:TerminationTime>${duration(terminationSeconds)}` +
          `</wsnt:TerminationTime></wsnt:Renew>`,
      );
      return parseRenew(r);
    },
    async unsubscribe(address) {
      await call(
        address,
        'Unsubscribe',
        wsnt('Unsubscribe'),
        `<wsnt:Unsubscribe xmlns:wsnt="${WSNT}"/>`,
      );
    },
    setOffset(v) {
      offsetMs = v;
    },
  };
}
