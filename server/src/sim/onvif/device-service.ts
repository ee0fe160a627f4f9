/**
 * The Device service (tds): clock, identity, capabilities and services (with XAddrs on the host
 * the request came to), scopes, hostname and network interfaces.
 */
import { NS } from './soap.ts';
import type { ServiceHandlers, ServiceRequest } from './service.ts';
import { discoveryScopes } from './discovery-xml.ts';
import { DEVICE_INFO } from './onvif-camera.ts';
import { esc, textOf } from './xml.ts';

function dateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
    `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month>` +
    `<tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

function systemDateAndTime(r: ServiceRequest): string {
  const now = r.cam.nowMs(r.clock.nowMs());
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>` +
    `<tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>` +
    `<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>` +
    `<tt:UTCDateTime>${dateTime(now)}</tt:UTCDateTime>` +
    `<tt:LocalDateTime>${dateTime(now)}</tt:LocalDateTime>` +
    `</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

/** The service addresses of a camera, by ONVIF namespace, with their versions. */
interface ServiceEntry {
  ns: string;
  xaddr: string;
  major: number;
  minor: number;
}

function services(r: ServiceRequest): ServiceEntry[] {
  const list: ServiceEntry[] = [
    { ns: NS.tds, xaddr: `${r.base}/device_service`, major: 2, minor: 60 },
    { ns: NS.trt, xaddr: `${r.base}/media_service`, major: 2, minor: 60 },
    { ns: NS.tr2, xaddr: `${r.base}/media2_service`, major: 2, minor: 60 },
    { ns: NS.tev, xaddr: `${r.base}/event_service`, major: 2, minor: 60 },
  ];
  if (r.cam.ptz !== undefined) {
    list.push({ ns: NS.tptz, xaddr: `${r.base}/ptz_service`, major: 2, minor: 60 });
  }
  return list;
}

function capabilities(r: ServiceRequest): string {
  const ptz =
    r.cam.ptz === undefined
      ? ''
      : `<tt:PTZ><tt:XAddr>${esc(`${r.base}/ptz_service`)}</tt:XAddr></tt:PTZ>`;
  return (
    `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
    `<tt:Device><tt:XAddr>${esc(`${r.base}/device_service`)}</tt:XAddr>` +
    `<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration>` +
    `<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>` +
    `<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>false</tt:DiscoveryBye>` +
    `<tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup>` +
    `<tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>` +
    `<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>` +
    `<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2>` +
    `<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig>` +
    `<tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>` +
    `<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>` +
    `<tt:Events><tt:XAddr>${esc(`${r.base}/event_service`)}</tt:XAddr>` +
    `<tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
    `<tt:WSPullPointSupport>true</tt:WSPullPointSupport>` +
    `<tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>` +
    `<tt:Media><tt:XAddr>${esc(`${r.base}/media_service`)}</tt:XAddr>` +
    `<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP>` +
    `<tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
    ptz +
    `</tds:Capabilities></tds:GetCapabilitiesResponse>`
  );
}

function getServices(r: ServiceRequest): string {
  const withCaps = textOf(r.op, 'IncludeCapability') === 'true';
  const body = services(r)
    .map(
      (s) =>
        `<tds:Service><tds:Namespace>${s.ns}</tds:Namespace><tds:XAddr>${esc(s.xaddr)}</tds:XAddr>` +
        (withCaps ? `<tds:Capabilities>${serviceCapabilities(s.ns)}</tds:Capabilities>` : '') +
        `<tds:Version><tt:Major>${s.major}</tt:Major><tt:Minor>${s.minor}</tt:Minor></tds:Version></tds:Service>`,
    )
    .join('');
  return `<tds:GetServicesResponse>${body}</tds:GetServicesResponse>`;
}

/** The `Capabilities` element of a service (GetServices with capabilities). */
export function serviceCapabilities(ns: string): string {
  switch (ns) {
    case NS.tds:
      return `<tds:Capabilities><tds:Network IPFilter="false" ZeroConfiguration="false" IPVersion6="false" DynDNS="false"/><tds:Security UsernameToken="true" HttpDigest="true"/><tds:System DiscoveryResolve="false" DiscoveryBye="false" RemoteDiscovery="false" SystemBackup="false" SystemLogging="false" FirmwareUpgrade="false"/></tds:Capabilities>`;
    case NS.trt:
      return `<trt:Capabilities SnapshotUri="true" Rotation="false"><trt:ProfileCapabilities MaximumNumberOfProfiles="2"/><trt:StreamingCapabilities RTPMulticast="false" RTP_TCP="true" RTP_RTSP_TCP="true"/></trt:Capabilities>`;
    case NS.tr2:
      return `<tr2:Capabilities SnapshotUri="true" Rotation="false"><tr2:ProfileCapabilities MaximumNumberOfProfiles="2"/><tr2:StreamingCapabilities RTSPStreaming="true" RTPMulticast="false"/></tr2:Capabilities>`;
    case NS.tev:
      return `<tev:Capabilities WSSubscriptionPolicySupport="false" WSPullPointSupport="true" WSPausableSubscriptionManagerInterfaceSupport="false" MaxNotificationProducers="0" MaxPullPoints="10"/>`;
    case NS.tptz:
      return `<tptz:Capabilities EFlip="false" Reverse="false" GetCompatibleConfigurations="false" MoveStatus="true" StatusPosition="true"/>`;
    default:
      return '';
  }
}

/** The Device service's operations. */
export const deviceService: ServiceHandlers = {
  GetSystemDateAndTime: systemDateAndTime,
  GetDeviceInformation: (r) =>
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${esc(DEVICE_INFO.manufacturer)}</tds:Manufacturer>` +
    `<tds:Model>${esc(r.cam.model)}</tds:Model><tds:FirmwareVersion>${DEVICE_INFO.firmware}</tds:FirmwareVersion>` +
    `<tds:SerialNumber>${esc(r.cam.serial)}</tds:SerialNumber><tds:HardwareId>${DEVICE_INFO.hardwareId}</tds:HardwareId>` +
    `</tds:GetDeviceInformationResponse>`,
  GetCapabilities: capabilities,
  GetServices: getServices,
  GetServiceCapabilities: () =>
    `<tds:GetServiceCapabilitiesResponse>${serviceCapabilities(NS.tds)}</tds:GetServiceCapabilitiesResponse>`,
  GetScopes: (r) =>
    `<tds:GetScopesResponse>${discoveryScopes(r.cam)
      .map(
        (s) =>
          `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${esc(s)}</tt:ScopeItem></tds:Scopes>`,
      )
      .join('')}</tds:GetScopesResponse>`,
  GetHostname: (r) =>
    `<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>` +
    `<tt:Name>${esc(r.cam.id)}</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>`,
  GetNetworkInterfaces: () =>
    `<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled>` +
    `<tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>02:00:00:00:00:01</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
    `<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>127.0.0.1</tt:Address>` +
    `<tt:PrefixLength>8</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>` +
    `</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>`,
};
