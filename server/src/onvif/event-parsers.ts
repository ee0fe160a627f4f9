/**
 * Answers of the ONVIF Events service (pull points, WS-BaseNotification): the subscription a
 * CreatePullPointSubscription made, the termination time of a Renew, and the notification
 * messages of a PullMessages (topic, `UtcTime`, Source and Data `SimpleItem`s). Matched on local
 * names, so `wsnt:`/`tev:`/`tt:` or any other prefixes read the same. Also which of Vedetta's
 * camera alarms a message is (motion, tamper, digital input) and its state.
 */
import { OnvifError } from './errors.ts';
import { child, find, findAll, textAt, type XmlNode } from './xml.ts';

/** A pull-point subscription as the device made it. */
export interface PullPointSubscription {
  /** The subscription manager's address: where PullMessages, Renew and Unsubscribe go. */
  readonly address: string;
  /** How long until it ends unless renewed, ms (TerminationTime − CurrentTime); null: unsaid. */
  readonly remainingMs: number | null;
}

/** One notification. */
export interface OnvifEventMessage {
  /** The topic as written, e.g. `tns1:VideoSource/MotionAlarm`. */
  readonly topic: string;
  /** The topic without namespace prefixes, e.g. `VideoSource/MotionAlarm`. */
  readonly topicPath: string;
  /** `Message@UtcTime` in the DEVICE's clock, ms; null when absent or unreadable. */
  readonly utcMs: number | null;
  /** `Initialized`, `Changed`, `Deleted`; null when absent. */
  readonly operation: string | null;
  /** Source SimpleItems, Name → Value. */
  readonly source: Readonly<Record<string, string>>;
  /** Data SimpleItems, Name → Value. */
  readonly data: Readonly<Record<string, string>>;
}

/** The kinds of camera event Vedetta turns into alarms. */
export type CameraEventKind = 'motion' | 'tamper' | 'digital-input';

/** `node` itself when it is named `name`, else its first descendant of that name. */
const self = (node: XmlNode, name: string): XmlNode | undefined =>
  node.name === name ? node : find(node, name);

/** Milliseconds of an xs:dateTime; null when malformed. */
function dateMs(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : null;
}

/** TerminationTime − CurrentTime of an answer, ms; null when either is missing. */
function remainingOf(node: XmlNode): number | null {
  const end = dateMs(textAt(node, 'TerminationTime'));
  const now = dateMs(textAt(node, 'CurrentTime'));
  return end === null || now === null ? null : end - now;
}

/** The subscription of a CreatePullPointSubscription response (the Body's element). */
export function parseCreatePullPoint(response: XmlNode): PullPointSubscription {
  const op = 'CreatePullPointSubscription';
  const body = self(response, 'CreatePullPointSubscriptionResponse');
  if (body === undefined) {
    throw new OnvifError('protocol', op, 'no CreatePullPointSubscriptionResponse in the answer');
  }
  const address = textAt(body, 'SubscriptionReference', 'Address');
  if (address === undefined || !/^https?:\/\/[^\s]+$/i.test(address)) {
    throw new OnvifError('protocol', op, 'no http(s) SubscriptionReference Address');
  }
  return { address, remainingMs: remainingOf(body) };
}

/** The time left of a Renew response, ms; null when unsaid. */
export function parseRenew(response: XmlNode): number | null {
  const body = self(response, 'RenewResponse');
  if (body === undefined) throw new OnvifError('protocol', 'Renew', 'no RenewResponse');
  return remainingOf(body);
}

const items = (node: XmlNode | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const item of findAll(node, 'SimpleItem')) {
    const name = item.attrs['Name'];
    if (name !== undefined && name !== '') out[name] = item.attrs['Value'] ?? '';
  }
  return out;
};

/** The topic without prefixes: `tns1:VideoSource/tnsx:Motion` → `VideoSource/Motion`. */
export function topicPathOf(topic: string): string {
  return topic
    .trim()
    .split('/')
    .map((s) => s.replace(/^[^:]*:/, ''))
    .join('/');
}

/** The messages of a PullMessages response (the Body's element), and the time left. */
export function parsePullMessages(response: XmlNode): {
  messages: OnvifEventMessage[];
  remainingMs: number | null;
} {
  const body = self(response, 'PullMessagesResponse');
  if (body === undefined) {
    throw new OnvifError('protocol', 'PullMessages', 'no PullMessagesResponse in the answer');
  }
  const messages = findAll(body, 'NotificationMessage').flatMap((n): OnvifEventMessage[] => {
    const topic = child(n, 'Topic')?.text ?? '';
    // Message/Message: the wsnt wrapper and the tt:Message inside it.
    const wrapper = child(n, 'Message');
    const message = child(wrapper, 'Message') ?? wrapper;
    if (topic === '' || message === undefined) return [];
    return [
      {
        topic,
        topicPath: topicPathOf(topic),
        utcMs: dateMs(message.attrs['UtcTime']),
        operation: message.attrs['PropertyOperation'] ?? null,
        source: items(child(message, 'Source')),
        data: items(child(message, 'Data')),
      },
    ];
  });
  return { messages, remainingMs: remainingOf(body) };
}

const STATE_ITEMS = ['State', 'IsMotion', 'IsTamper', 'LogicalState', 'IsInside'];

/**
 * Which camera alarm a message is and whether its condition holds: motion
 * (`VideoSource/MotionAlarm`, `RuleEngine/CellMotionDetector/Motion`), tamper
 * (`VideoSource/GlobalSceneChange/*`, `RuleEngine/TamperDetector/Tamper`), digital input
 * (`Device/Trigger/DigitalInput`, `Device/IO/DigitalInput`); null for other topics or a message
 * with no readable boolean state.
 */
export function classifyEvent(
  m: OnvifEventMessage,
): { kind: CameraEventKind; state: boolean } | null {
  const path = m.topicPath.toLowerCase();
  const kind: CameraEventKind | null =
    path === 'videosource/motionalarm' || path.startsWith('ruleengine/cellmotiondetector/')
      ? 'motion'
      : path.startsWith('videosource/globalscenechange/') ||
          path.startsWith('ruleengine/tamperdetector/')
        ? 'tamper'
        : path === 'device/trigger/digitalinput' || path === 'device/io/digitalinput'
          ? 'digital-input'
          : null;
  if (kind === null) return null;
  const name = STATE_ITEMS.find((n) => m.data[n] !== undefined);
  const value = name === undefined ? undefined : m.data[name]?.trim().toLowerCase();
  if (value === 'true' || value === '1') return { kind, state: true };
  if (value === 'false' || value === '0') return { kind, state: false };
  return null;
}
