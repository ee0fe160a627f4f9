/** The onvif module's public entry: what other modules may use (see README.md). */
export {
  createOnvifClient,
  ONVIF_MAX_RESPONSE_BYTES,
  ONVIF_TIMEOUT_MS,
  type DeviceClock,
  type MediaService,
  type OnvifClient,
  type OnvifClientOptions,
} from './client.ts';
export {
  startClockDriftMonitor,
  type ClockCheckTarget,
  type ClockDrift,
  type ClockDriftMonitor,
  type ClockDriftMonitorOptions,
} from './clock-drift.ts';
export type { DeviceInformation, ServiceAddresses } from './device-parsers.ts';
export type { DiscoveredDevice } from './discovery-messages.ts';
export {
  discoverDevices,
  parseTarget,
  type DiscoveryOptions,
  type DiscoveryResult,
} from './discovery.ts';
export {
  isOnvifError,
  ONVIF_FAILURES,
  OnvifError,
  type OnvifFailure,
  type SoapFaultInfo,
} from './errors.ts';
export type { MediaProfile } from './media-parsers.ts';
export { deviceUrlOf, probeDevice, type DeviceProbe, type ProbedProfile } from './probe.ts';
export type { OnvifCredentials } from './transport.ts';
export {
  createPtzClient,
  parsePresets,
  type OnvifPreset,
  type OnvifPtzClient,
  type PtzClientOptions,
} from './ptz-client.ts';
export {
  classifyEvent,
  parseCreatePullPoint,
  parsePullMessages,
  parseRenew,
  topicPathOf,
  type CameraEventKind,
  type OnvifEventMessage,
  type PullPointSubscription,
} from './event-parsers.ts';
export {
  createEventsClient,
  isResourceUnknown,
  type EventsClientOptions,
  type OnvifEventsClient,
  type PulledMessages,
} from './events-client.ts';
export {
  onvifToPicture,
  parseMasks,
  pictureToOnvif,
  type OnvifMask,
  type OnvifMaskColor,
  type PicturePoint,
} from './mask-parsers.ts';
export {
  createMasksClient,
  isNotSupported,
  readCameraMasks,
  type CameraMasksReading,
  type MasksClientOptions,
  type OnvifMaskInput,
  type OnvifMasksClient,
  type ReadCameraMasksOptions,
} from './masks-client.ts';
