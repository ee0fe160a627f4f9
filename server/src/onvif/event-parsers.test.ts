/**
 * The Events answers as the ONVIF Events spec (and makers' variants of it) write them: different
 * prefixes for the same namespaces, the Message wrapper, Source and Data items, faults.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyEvent,
  parseCreatePullPoint,
  parsePullMessages,
  parseRenew,
  topicPathOf,
} from './event-parsers.ts';
import { OnvifError } from './errors.ts';
import { isResourceUnknown } from './events-client.ts';
import { readResponse } from './soap.ts';
import { mutateText, seededRandom } from './fuzz-text.ts';

const CREATE_SPEC = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
  xmlns:wsa5="http://www.w3.org/2005/08/addressing" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"
  xmlns:tev="http://www.onvif.org/ver10/events/wsdl">
  <env:Body><tev:CreatePullPointSubscriptionResponse>
    <tev:SubscriptionReference><wsa5:Address>http://192.168.0.10/onvif/Events/PullSubManager_2026-12-07T21:30:00Z_1</wsa5:Address></tev:SubscriptionReference>
    <wsnt:CurrentTime>2026-12-07T21:30:00Z</wsnt:CurrentTime>
    <wsnt:TerminationTime>2026-12-07T21:31:00Z</wsnt:TerminationTime>
  </tev:CreatePullPointSubscriptionResponse></env:Body></env:Envelope>`;

const PULL_SPEC = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
  xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tev="http://www.onvif.org/ver10/events/wsdl"
  xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tns1="http://www.onvif.org/ver10/topics">
  <SOAP-ENV:Body><tev:PullMessagesResponse>
    <tev:CurrentTime>2026-12-07T21:30:05Z</tev:CurrentTime>
    <tev:TerminationTime>2026-12-07T21:31:05Z</tev:TerminationTime>
    <wsnt:NotificationMessage>
      <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:VideoSource/MotionAlarm</wsnt:Topic>
      <wsnt:Message><tt:Message UtcTime="2026-12-07T21:30:04.250Z" PropertyOperation="Changed">
        <tt:Source><tt:SimpleItem Name="Source" Value="VideoSourceToken"/></tt:Source>
        <tt:Data><tt:SimpleItem Name="State" Value="true"/></tt:Data>
      </tt:Message></wsnt:Message>
    </wsnt:NotificationMessage>
    <wsnt:NotificationMessage>
      <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:VideoSource/GlobalSceneChange/ImagingService</wsnt:Topic>
      <wsnt:Message><tt:Message UtcTime="2026-12-07T21:30:04Z" PropertyOperation="Initialized">
        <tt:Source><tt:SimpleItem Name="Source" Value="VideoSourceToken"/></tt:Source>
        <tt:Data><tt:SimpleItem Name="State" Value="false"/></tt:Data>
      </tt:Message></wsnt:Message>
    </wsnt:NotificationMessage>
  </tev:PullMessagesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

/** Another maker: `s:`/`b2:`/`onvif:` prefixes, its own topic namespace prefix, RuleEngine topics. */
const PULL_OTHER = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"
  xmlns:b2="http://docs.oasis-open.org/wsn/b-2" xmlns:ev="http://www.onvif.org/ver10/events/wsdl"
  xmlns:onvif="http://www.onvif.org/ver10/schema" xmlns:ns1="http://www.onvif.org/ver10/topics">
  <s:Body><ev:PullMessagesResponse>
    <ev:CurrentTime>2026-12-07T21:30:05Z</ev:CurrentTime>
    <ev:TerminationTime>2026-12-07T21:30:35Z</ev:TerminationTime>
    <b2:NotificationMessage><b2:Topic Dialect="x">ns1:Device/ns1:Trigger/ns1:DigitalInput</b2:Topic>
      <b2:Message><onvif:Message UtcTime="2026-12-07T21:30:01Z">
        <onvif:Source><onvif:SimpleItem Name="InputToken" Value="DI_0"/></onvif:Source>
        <onvif:Data><onvif:SimpleItem Name="LogicalState" Value="1"/></onvif:Data>
      </onvif:Message></b2:Message></b2:NotificationMessage>
    <b2:NotificationMessage><b2:Topic>ns1:RuleEngine/CellMotionDetector/Motion</b2:Topic>
      <b2:Message><onvif:Message UtcTime="not a time">
        <onvif:Source><onvif:SimpleItem Name="VideoSourceConfigurationToken" Value="vsc"/>
          <onvif:SimpleItem Name="Rule" Value="MyMotionDetectorRule"/></onvif:Source>
        <onvif:Data><onvif:SimpleItem Name="IsMotion" Value="false"/></onvif:Data>
      </onvif:Message></b2:Message></b2:NotificationMessage>
    <b2:NotificationMessage><b2:Topic>ns1:RuleEngine/TamperDetector/Tamper</b2:Topic>
      <b2:Message><onvif:Message UtcTime="2026-12-07T21:30:02Z">
        <onvif:Data><onvif:SimpleItem Name="IsTamper" Value="true"/></onvif:Data>
      </onvif:Message></b2:Message></b2:NotificationMessage>
    <b2:NotificationMessage><b2:Topic>ns1:Monitoring/ProcessorUsage</b2:Topic>
      <b2:Message><onvif:Message UtcTime="2026-12-07T21:30:03Z">
        <onvif:Data><onvif:SimpleItem Name="Value" Value="0.5"/></onvif:Data>
      </onvif:Message></b2:Message></b2:NotificationMessage>
  </ev:PullMessagesResponse></s:Body></s:Envelope>`;

const RENEW = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2">
  <env:Body><wsnt:RenewResponse><wsnt:TerminationTime>2026-12-07T21:32:00Z</wsnt:TerminationTime>
  <wsnt:CurrentTime>2026-12-07T21:31:00Z</wsnt:CurrentTime></wsnt:RenewResponse></env:Body></env:Envelope>`;

const RESOURCE_UNKNOWN = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
  xmlns:wsrf-rw="http://docs.oasis-open.org/wsrf/rw-2"><env:Body><env:Fault>
  <env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>wsrf-rw:ResourceUnknownFault</env:Value></env:Subcode></env:Code>
  <env:Reason><env:Text xml:lang="en">unknown subscription</env:Text></env:Reason>
  </env:Fault></env:Body></env:Envelope>`;

describe('ONVIF Events parsers', () => {
  it('reads the pull point of CreatePullPointSubscription and the time left', () => {
    const sub = parseCreatePullPoint(readResponse(CREATE_SPEC, 'CreatePullPointSubscription'));
    expect(sub).toEqual({
      address: 'http://192.168.0.10/onvif/Events/PullSubManager_2026-12-07T21:30:00Z_1',
      remainingMs: 60_000,
    });
  });

  it('refuses a subscription without an http address', () => {
    const bad = CREATE_SPEC.replace(/<wsa5:Address>[^<]*/, '<wsa5:Address>urn:x');
    expect(() => parseCreatePullPoint(readResponse(bad, 'C'))).toThrow(OnvifError);
    expect(() => parseCreatePullPoint(readResponse(RENEW, 'C'))).toThrow(OnvifError);
  });

  it('reads the messages of PullMessages: topic, UtcTime, Source and Data items', () => {
    const { messages, remainingMs } = parsePullMessages(readResponse(PULL_SPEC, 'PullMessages'));
    expect(remainingMs).toBe(60_000);
    expect(messages).toEqual([
      {
        topic: 'tns1:VideoSource/MotionAlarm',
        topicPath: 'VideoSource/MotionAlarm',
        utcMs: Date.UTC(2026, 11, 7, 21, 30, 4, 250),
        operation: 'Changed',
        source: { Source: 'VideoSourceToken' },
        data: { State: 'true' },
      },
      {
        topic: 'tns1:VideoSource/GlobalSceneChange/ImagingService',
        topicPath: 'VideoSource/GlobalSceneChange/ImagingService',
        utcMs: Date.UTC(2026, 11, 7, 21, 30, 4),
        operation: 'Initialized',
        source: { Source: 'VideoSourceToken' },
        data: { State: 'false' },
      },
    ]);
    expect(messages.map(classifyEvent)).toEqual([
      { kind: 'motion', state: true },
      { kind: 'tamper', state: false },
    ]);
  });

  it("reads another maker's prefixes, RuleEngine topics and 1/0 states", () => {
    const { messages, remainingMs } = parsePullMessages(readResponse(PULL_OTHER, 'PullMessages'));
    expect(remainingMs).toBe(30_000);
    expect(messages.map((m) => [m.topicPath, m.utcMs, m.source])).toEqual([
      ['Device/Trigger/DigitalInput', Date.UTC(2026, 11, 7, 21, 30, 1), { InputToken: 'DI_0' }],
      [
        'RuleEngine/CellMotionDetector/Motion',
        null,
        { VideoSourceConfigurationToken: 'vsc', Rule: 'MyMotionDetectorRule' },
      ],
      ['RuleEngine/TamperDetector/Tamper', Date.UTC(2026, 11, 7, 21, 30, 2), {}],
      ['Monitoring/ProcessorUsage', Date.UTC(2026, 11, 7, 21, 30, 3), {}],
    ]);
    expect(messages.map(classifyEvent)).toEqual([
      { kind: 'digital-input', state: true },
      { kind: 'motion', state: false },
      { kind: 'tamper', state: true },
      null,
    ]);
  });

  it('an empty PullMessages is no messages; another answer is a protocol error', () => {
    const empty = PULL_SPEC.replace(
      /<wsnt:NotificationMessage>[\s\S]*<\/wsnt:NotificationMessage>/,
      '',
    );
    expect(parsePullMessages(readResponse(empty, 'PullMessages')).messages).toEqual([]);
    expect(() => parsePullMessages(readResponse(RENEW, 'PullMessages'))).toThrow(OnvifError);
  });

  it('reads Renew and recognises an expired subscription', () => {
    expect(parseRenew(readResponse(RENEW, 'Renew'))).toBe(60_000);
    let fault: unknown;
    try {
      readResponse(RESOURCE_UNKNOWN, 'PullMessages');
    } catch (e) {
      fault = e;
    }
    expect(fault).toBeInstanceOf(OnvifError);
    expect(isResourceUnknown(fault)).toBe(true);
    expect(isResourceUnknown(new OnvifError('timeout', 'PullMessages', 'slow'))).toBe(false);
  });

  it('a state that is not a boolean is no alarm', () => {
    const m = {
      topic: 'tns1:VideoSource/MotionAlarm',
      topicPath: topicPathOf('tns1:VideoSource/MotionAlarm'),
      utcMs: null,
      operation: null,
      source: {},
      data: { State: 'maybe' },
    };
    expect(classifyEvent(m)).toBeNull();
    expect(classifyEvent({ ...m, data: {} })).toBeNull();
  });
});

describe('ONVIF Events parsers fuzz', () => {
  it('mutated answers throw nothing but OnvifError', () => {
    const samples = [CREATE_SPEC, PULL_SPEC, PULL_OTHER, RENEW, RESOURCE_UNKNOWN];
    let read = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const rand = seededRandom(seed);
      const text = mutateText(samples[seed % samples.length] ?? '', rand);
      for (const attempt of [
        () => parseCreatePullPoint(readResponse(text, 'Fuzz')),
        () => parsePullMessages(readResponse(text, 'Fuzz')).messages.map(classifyEvent),
        () => parseRenew(readResponse(text, 'Fuzz')),
      ]) {
        try {
          attempt();
          read++;
        } catch (err) {
          if (!(err instanceof OnvifError))
            throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
        }
      }
    }
    expect(read).toBeGreaterThan(100);
  });
});
