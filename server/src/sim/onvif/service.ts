/**
 * What every ONVIF service handler gets and returns: the request's operation element and SOAP
 * header, the camera, the base address the client used, and the time; a handler answers the
 * inner XML of the response body (the server wraps it in an envelope) or throws a `SoapFault`.
 */
import type { Clock } from '../../app/index.ts';
import type { OnvifCamera } from './onvif-camera.ts';
import type { XmlElement } from './xml.ts';

/** One request to a service. */
export interface ServiceRequest {
  /** The operation: the first element of the SOAP body (local names). */
  op: XmlElement;
  header: XmlElement | undefined;
  cam: OnvifCamera;
  /** `http://host:port/onvif/<cameraId>` as the client addressed it. */
  base: string;
  /** What follows the service in the path (a pull point's id), or ''. */
  rest: string;
  clock: Clock;
  /** Aborted when the server closes (a long pull then ends). */
  closing: AbortSignal;
}

/** A handler of one operation: the response body's inner XML. */
export type Handler = (req: ServiceRequest) => string | Promise<string>;

/** The operations of a service, by local name. */
export type ServiceHandlers = Readonly<Record<string, Handler>>;

/** The service names in the path, e.g. `/onvif/cam-001/media_service`. */
export type ServiceName =
  'device_service' | 'media_service' | 'media2_service' | 'ptz_service' | 'event_service';
