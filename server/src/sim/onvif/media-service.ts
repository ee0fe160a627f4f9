/**
 * The Media service (trt, ONVIF Profile S): profiles `main` and `sub`, the video source, encoder
 * configurations, and the RTSP and snapshot URIs.
 */
import type { OnvifCamera, OnvifStream } from './onvif-camera.ts';
import {
  profileName,
  ptzConfig,
  videoEncoderConfig1,
  videoSource,
  videoSourceConfig,
} from './profile-xml.ts';
import { SoapFault } from './soap.ts';
import type { ServiceHandlers, ServiceRequest } from './service.ts';
import { esc, textOf } from './xml.ts';

/** The stream a request's ProfileToken names; fault `ter:NoProfile` when unknown. */
export function requestedStream(r: ServiceRequest, field = 'ProfileToken'): OnvifStream {
  const token = textOf(r.op, field) ?? '';
  const s = r.cam.stream(token);
  if (s === undefined) {
    throw new SoapFault('Sender', 'ter:InvalidArgVal', `no profile ${token}`, 'ter:NoProfile');
  }
  return s;
}

function profile(cam: OnvifCamera, s: OnvifStream, el: string): string {
  return (
    `<${el} token="${s.token}" fixed="true"><tt:Name>${profileName(cam, s)}</tt:Name>` +
    videoSourceConfig(cam, 'tt:VideoSourceConfiguration') +
    videoEncoderConfig1(s, 'tt:VideoEncoderConfiguration') +
    (cam.ptz === undefined ? '' : ptzConfig('tt:PTZConfiguration')) +
    `</${el}>`
  );
}

function mediaUri(uri: string): string {
  return (
    `<trt:MediaUri><tt:Uri>${esc(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
    `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>`
  );
}

/** The encoder options of a stream: its own size, rates up to its own (Media has no H.265 block). */
function encoderOptions(s: OnvifStream): string {
  const range = (el: string, min: number, max: number): string =>
    `<tt:${el}><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:${el}>`;
  const h264 =
    `<tt:ResolutionsAvailable><tt:Width>${s.width}</tt:Width><tt:Height>${s.height}</tt:Height></tt:ResolutionsAvailable>` +
    range('GovLengthRange', 1, 250) +
    range('FrameRateRange', 1, s.fps) +
    range('EncodingIntervalRange', 1, 1) +
    `<tt:H264ProfilesSupported>Main</tt:H264ProfilesSupported>`;
  return (
    `<trt:Options>${range('QualityRange', 1, 10)}` +
    (s.codec === 'h264'
      ? `<tt:H264>${h264}</tt:H264><tt:Extension><tt:H264>${h264}${range('BitrateRange', 64, 16_384)}</tt:H264></tt:Extension>`
      : '') +
    `</trt:Options>`
  );
}

/** The Media service's operations. */
export const mediaService: ServiceHandlers = {
  GetProfiles: (r) =>
    `<trt:GetProfilesResponse>${r.cam.streams.map((s) => profile(r.cam, s, 'trt:Profiles')).join('')}</trt:GetProfilesResponse>`,
  GetProfile: (r) =>
    `<trt:GetProfileResponse>${profile(r.cam, requestedStream(r), 'trt:Profile')}</trt:GetProfileResponse>`,
  GetVideoSources: (r) =>
    `<trt:GetVideoSourcesResponse>${videoSource(r.cam)}</trt:GetVideoSourcesResponse>`,
  GetVideoSourceConfigurations: (r) =>
    `<trt:GetVideoSourceConfigurationsResponse>${videoSourceConfig(r.cam, 'trt:Configurations')}</trt:GetVideoSourceConfigurationsResponse>`,
  GetVideoEncoderConfigurations: (r) =>
    `<trt:GetVideoEncoderConfigurationsResponse>${r.cam.streams
      .map((s) => videoEncoderConfig1(s, 'trt:Configurations'))
      .join('')}</trt:GetVideoEncoderConfigurationsResponse>`,
  GetVideoEncoderConfiguration: (r) => {
    const token = textOf(r.op, 'ConfigurationToken') ?? '';
    const s = r.cam.streams.find((x) => `vec-${x.token}` === token);
    if (s === undefined) {
      throw new SoapFault(
        'Sender',
        'ter:InvalidArgVal',
        `no configuration ${token}`,
        'ter:NoConfig',
      );
    }
    return `<trt:GetVideoEncoderConfigurationResponse>${videoEncoderConfig1(s, 'trt:Configuration')}</trt:GetVideoEncoderConfigurationResponse>`;
  },
  GetVideoEncoderConfigurationOptions: (r) => {
    const config = textOf(r.op, 'ConfigurationToken');
    const s =
      config === undefined
        ? requestedStream(r)
        : r.cam.streams.find((x) => `vec-${x.token}` === config);
    if (s === undefined) {
      throw new SoapFault(
        'Sender',
        'ter:InvalidArgVal',
        `no configuration ${config ?? ''}`,
        'ter:NoConfig',
      );
    }
    return `<trt:GetVideoEncoderConfigurationOptionsResponse>${encoderOptions(s)}</trt:GetVideoEncoderConfigurationOptionsResponse>`;
  },
  GetStreamUri: (r) =>
    `<trt:GetStreamUriResponse>${mediaUri(requestedStream(r).rtspUrl)}</trt:GetStreamUriResponse>`,
  GetSnapshotUri: (r) => {
    requestedStream(r);
    return `<trt:GetSnapshotUriResponse>${mediaUri(`${r.base}/snapshot.jpg`)}</trt:GetSnapshotUriResponse>`;
  },
};
