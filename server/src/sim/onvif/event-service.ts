/**
 * The Events service (tev) with WS-BaseNotification pull points: GetEventProperties (the three
 * topics), CreatePullPointSubscription, and at the pull point's own address PullMessages (waits
 * up to its Timeout for a message), Renew and Unsubscribe. An expired or unknown pull point
 * answers `wsrf-rw:ResourceUnknownFault`.
 */
import type { SimEventMessage, Subscription } from './event-hub.ts';
import { EVENT_TOPICS } from './event-hub.ts';
import { SoapFault, faults } from './soap.ts';
import type { ServiceHandlers, ServiceRequest } from './service.ts';
import { parseDuration, parseTermination, xsDateTime } from './xsd-time.ts';
import { esc, textOf } from './xml.ts';

/** Subscriptions last this long when the client names no termination time. */
const DEFAULT_TERMINATION_MS = 60_000;
/** Longest subscription or renewal granted. */
const MAX_TERMINATION_MS = 24 * 3600_000;
/** Longest wait of one PullMessages. */
const MAX_PULL_WAIT_MS = 10 * 60_000;
const DIALECT = 'http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet';

function resourceUnknown(): SoapFault {
  return new SoapFault(
    'Sender',
    'wsrf-rw:ResourceUnknownFault',
    'The pull point does not exist or has expired',
  );
}

/** Milliseconds until termination asked in `field`, within bounds; default when absent. */
function termination(r: ServiceRequest, field: string): number {
  const text = textOf(r.op, field);
  if (text === undefined || text === '') return DEFAULT_TERMINATION_MS;
  const ms = parseTermination(text, r.cam.nowMs(r.clock.nowMs()));
  if (ms === undefined || ms <= 0) throw faults.invalidArg(`bad ${field}`);
  return Math.min(ms, MAX_TERMINATION_MS);
}

function subscription(r: ServiceRequest): Subscription {
  const id = /^pullpoint\/([A-Za-z0-9_.-]+)$/.exec(r.rest)?.[1];
  const sub = id === undefined ? undefined : r.cam.events.get(id, r.clock.monotonicMs());
  if (sub === undefined) throw resourceUnknown();
  return sub;
}

/** Current and termination time (camera clock) of a subscription. */
function times(r: ServiceRequest, sub: Subscription, prefix: string): string {
  const now = r.cam.nowMs(r.clock.nowMs());
  const end = now + (sub.terminatesAtMs - r.clock.monotonicMs());
  return `<${prefix}:CurrentTime>${xsDateTime(now)}</${prefix}:CurrentTime><${prefix}:TerminationTime>${xsDateTime(end)}</${prefix}:TerminationTime>`;
}

/** One notification message. */
export function notificationXml(m: SimEventMessage): string {
  return (
    `<wsnt:NotificationMessage><wsnt:Topic Dialect="${DIALECT}">${m.topic}</wsnt:Topic>` +
    `<wsnt:Message><tt:Message UtcTime="${new Date(m.utcMs).toISOString()}" PropertyOperation="${m.operation}">` +
    `<tt:Source><tt:SimpleItem Name="${m.source.name}" Value="${esc(m.source.value)}"/></tt:Source>` +
    `<tt:Data><tt:SimpleItem Name="${m.data.name}" Value="${esc(m.data.value)}"/></tt:Data>` +
    `</tt:Message></wsnt:Message></wsnt:NotificationMessage>`
  );
}

function waitForMessage(r: ServiceRequest, sub: Subscription, ms: number): Promise<void> {
  if (sub.queue.length > 0 || ms <= 0 || r.closing.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      timer.cancel();
      sub.waiters.delete(done);
      r.closing.removeEventListener('abort', done);
      resolve();
    };
    const timer = r.clock.setTimeout(done, ms);
    sub.waiters.add(done);
    r.closing.addEventListener('abort', done);
  });
}

function topicSet(): string {
  const item = (name: string, type: string): string =>
    `<tt:SimpleItemDescription Name="${name}" Type="${type}"/>`;
  const describe = (source: string, data: string): string =>
    `<tt:MessageDescription IsProperty="true"><tt:Source>${item(source, 'tt:ReferenceToken')}</tt:Source>` +
    `<tt:Data>${item(data, 'xs:boolean')}</tt:Data></tt:MessageDescription>`;
  const motion = EVENT_TOPICS.motion;
  const tamper = EVENT_TOPICS.tamper;
  const input = EVENT_TOPICS['digital-input'];
  return (
    `<wstop:TopicSet><tns1:VideoSource wstop:topic="false">` +
    `<MotionAlarm wstop:topic="true">${describe(motion.source, motion.data)}</MotionAlarm>` +
    `<GlobalSceneChange wstop:topic="false"><ImagingService wstop:topic="true">${describe(tamper.source, tamper.data)}</ImagingService></GlobalSceneChange>` +
    `</tns1:VideoSource><tns1:Device wstop:topic="false"><Trigger wstop:topic="false">` +
    `<DigitalInput wstop:topic="true">${describe(input.source, input.data)}</DigitalInput>` +
    `</Trigger></tns1:Device></wstop:TopicSet>`
  );
}

/** The Events service's operations (pull-point operations included). */
export const eventService: ServiceHandlers = {
  GetServiceCapabilities: () =>
    `<tev:GetServiceCapabilitiesResponse><tev:Capabilities WSSubscriptionPolicySupport="false" WSPullPointSupport="true" WSPausableSubscriptionManagerInterfaceSupport="false" MaxNotificationProducers="0" MaxPullPoints="10"/></tev:GetServiceCapabilitiesResponse>`,
  GetEventProperties: () =>
    `<tev:GetEventPropertiesResponse><tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>` +
    `<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet>${topicSet()}` +
    `<wsnt:TopicExpressionDialect>http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet</wsnt:TopicExpressionDialect>` +
    `<wsnt:TopicExpressionDialect>http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete</wsnt:TopicExpressionDialect>` +
    `<tev:MessageContentFilterDialect>http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter</tev:MessageContentFilterDialect>` +
    `<tev:MessageContentSchemaLocation>http://www.onvif.org/onvif/ver10/schema/onvif.xsd</tev:MessageContentSchemaLocation>` +
    `</tev:GetEventPropertiesResponse>`,
  CreatePullPointSubscription: (r) => {
    const ms = termination(r, 'InitialTerminationTime');
    const sub = r.cam.events.create(r.clock.monotonicMs() + ms);
    return (
      `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>` +
      `<wsa:Address>${esc(`${r.base}/event_service/pullpoint/${sub.id}`)}</wsa:Address>` +
      `</tev:SubscriptionReference>${times(r, sub, 'wsnt')}</tev:CreatePullPointSubscriptionResponse>`
    );
  },
  PullMessages: async (r) => {
    const sub = subscription(r);
    const timeout = parseDuration(textOf(r.op, 'Timeout') ?? 'PT0S');
    if (timeout === undefined) throw faults.invalidArg('bad Timeout');
    const limit = Number(textOf(r.op, 'MessageLimit') ?? '100');
    const until = Math.min(timeout, MAX_PULL_WAIT_MS, sub.terminatesAtMs - r.clock.monotonicMs());
    await waitForMessage(r, sub, until);
    if (r.cam.events.get(sub.id, r.clock.monotonicMs()) === undefined) throw resourceUnknown();
    const taken = sub.queue.splice(0, Number.isInteger(limit) && limit > 0 ? limit : 100);
    return (
      `<tev:PullMessagesResponse>${times(r, sub, 'tev')}` +
      `${taken.map(notificationXml).join('')}</tev:PullMessagesResponse>`
    );
  },
  Renew: (r) => {
    const sub = subscription(r);
    sub.terminatesAtMs = r.clock.monotonicMs() + termination(r, 'TerminationTime');
    const now = r.cam.nowMs(r.clock.nowMs());
    const end = now + (sub.terminatesAtMs - r.clock.monotonicMs());
    return `<wsnt:RenewResponse><wsnt:TerminationTime>${xsDateTime(end)}</wsnt:TerminationTime><wsnt:CurrentTime>${xsDateTime(now)}</wsnt:CurrentTime></wsnt:RenewResponse>`;
  },
  Unsubscribe: (r) => {
    r.cam.events.remove(subscription(r).id);
    return '<wsnt:UnsubscribeResponse/>';
  },
  SetSynchronizationPoint: () => '<tev:SetSynchronizationPointResponse/>',
};
