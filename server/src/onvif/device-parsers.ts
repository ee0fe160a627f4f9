/**
 * Readers of the Device service's answers (pure: an XML node in, plain data out): the device's
 * clock, its identity, and where its other services are. Each throws `OnvifError('protocol')`
 * naming the operation when a required field is missing or malformed.
 */
import { OnvifError } from './errors.ts';
import { child, childrenNamed, find, textAt, type XmlNode } from './xml.ts';

/** `GetDeviceInformation`: who made the device and what it runs. */
export interface DeviceInformation {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly serialNumber: string;
  readonly hardwareId: string;
}

/** Where the device's services answer (absent ones are null). */
export interface ServiceAddresses {
  readonly device: string | null;
  readonly media: string | null;
  readonly media2: string | null;
  readonly ptz: string | null;
  readonly events: string | null;
}

function int(
  node: XmlNode | undefined,
  name: string,
  min: number,
  max: number,
  op: string,
): number {
  const text = textAt(node, name);
  const n = text !== undefined && /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    throw new OnvifError(
      'protocol',
      op,
      `${name} is not a number in ${min}..${max}: ${text ?? 'missing'}`,
    );
  }
  return n;
}

function dateTimeMs(dt: XmlNode, op: string): number {
  const date = child(dt, 'Date');
  const time = child(dt, 'Time');
  const ms = Date.UTC(
    int(date, 'Year', 1970, 9999, op),
    int(date, 'Month', 1, 12, op) - 1,
    int(date, 'Day', 1, 31, op),
    int(time, 'Hour', 0, 23, op),
    int(time, 'Minute', 0, 59, op),
    int(time, 'Second', 0, 60, op),
  );
  return ms;
}

/**
 * `GetSystemDateAndTimeResponse` → the device's UTC time in ms. Devices that give only
 * `LocalDateTime` are read as if it were UTC (`fromLocal` true), the usual fallback.
 */
export function parseSystemDateAndTime(response: XmlNode): {
  deviceMs: number;
  fromLocal: boolean;
} {
  const op = 'GetSystemDateAndTime';
  const sdt = find(response, 'SystemDateAndTime') ?? response;
  const utc = child(sdt, 'UTCDateTime');
  if (utc !== undefined) return { deviceMs: dateTimeMs(utc, op), fromLocal: false };
  const local = child(sdt, 'LocalDateTime');
  if (local !== undefined) return { deviceMs: dateTimeMs(local, op), fromLocal: true };
  throw new OnvifError('protocol', op, 'the answer has neither UTCDateTime nor LocalDateTime');
}

/** `GetDeviceInformationResponse` → the device's identity. */
export function parseDeviceInformation(response: XmlNode): DeviceInformation {
  const op = 'GetDeviceInformation';
  const manufacturer = textAt(response, 'Manufacturer');
  const model = textAt(response, 'Model');
  if (manufacturer === undefined || model === undefined) {
    throw new OnvifError('protocol', op, 'the answer lacks Manufacturer or Model');
  }
  return {
    manufacturer,
    model,
    firmwareVersion: textAt(response, 'FirmwareVersion') ?? '',
    serialNumber: textAt(response, 'SerialNumber') ?? '',
    hardwareId: textAt(response, 'HardwareId') ?? '',
  };
}

const httpUrl = (s: string | undefined): string | null =>
  s !== undefined && /^https?:\/\/\S+$/i.test(s) ? s : null;

/** `GetCapabilitiesResponse` → service addresses (Media2 is not listed there: null). */
export function parseCapabilities(response: XmlNode): ServiceAddresses {
  const caps = find(response, 'Capabilities') ?? response;
  const xaddr = (name: string): string | null => httpUrl(textAt(child(caps, name), 'XAddr'));
  return {
    device: xaddr('Device'),
    media: xaddr('Media'),
    media2: null,
    ptz: xaddr('PTZ'),
    events: xaddr('Events'),
  };
}

const NAMESPACES: Record<string, keyof ServiceAddresses> = {
  'http://www.onvif.org/ver10/device/wsdl': 'device',
  'http://www.onvif.org/ver10/media/wsdl': 'media',
  'http://www.onvif.org/ver20/media/wsdl': 'media2',
  'http://www.onvif.org/ver20/ptz/wsdl': 'ptz',
  'http://www.onvif.org/ver10/events/wsdl': 'events',
};

/** `GetServicesResponse` → service addresses, by each Service's Namespace. */
export function parseServices(response: XmlNode): ServiceAddresses {
  const out: Record<keyof ServiceAddresses, string | null> = {
    device: null,
    media: null,
    media2: null,
    ptz: null,
    events: null,
  };
  const services = childrenNamed(response, 'Service');
  if (services.length === 0) {
    throw new OnvifError('protocol', 'GetServices', 'the answer lists no Service');
  }
  for (const s of services) {
    const key = NAMESPACES[textAt(s, 'Namespace') ?? ''];
    const url = httpUrl(textAt(s, 'XAddr'));
    if (key !== undefined && url !== null && out[key] === null) out[key] = url;
  }
  return out;
}
