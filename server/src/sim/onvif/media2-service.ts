/**
 * The Media2 service (tr2, ONVIF Profile T): the same profiles as Media in Media2's shape, stream
 * and snapshot URIs, the configurations a Profile T client reads, and privacy masks
 * (`mask-service.ts`; the capability `Mask` says whether the camera has them).
 */
import { maskHandlers } from './mask-service.ts';
import { requestedStream } from './media-service.ts';
import type { OnvifCamera, OnvifStream } from './onvif-camera.ts';
import { profileName, ptzConfig, videoEncoderConfig2, videoSourceConfig } from './profile-xml.ts';
import type { ServiceHandlers } from './service.ts';
import { esc, textOf } from './xml.ts';

function profile(cam: OnvifCamera, s: OnvifStream): string {
  return (
    `<tr2:Profiles token="${s.token}" fixed="true"><tr2:Name>${profileName(cam, s)}</tr2:Name>` +
    `<tr2:Configurations>${videoSourceConfig(cam, 'tr2:VideoSource')}` +
    videoEncoderConfig2(s, 'tr2:VideoEncoder') +
    (cam.ptz === undefined ? '' : ptzConfig('tr2:PTZ')) +
    `</tr2:Configurations></tr2:Profiles>`
  );
}

/** The Media2 service's operations. */
export const media2Service: ServiceHandlers = {
  ...maskHandlers,
  GetProfiles: (r) => {
    const token = textOf(r.op, 'Token');
    const streams =
      token === undefined ? r.cam.streams : r.cam.streams.filter((s) => s.token === token);
    return `<tr2:GetProfilesResponse>${streams.map((s) => profile(r.cam, s)).join('')}</tr2:GetProfilesResponse>`;
  },
  GetVideoSourceConfigurations: (r) =>
    `<tr2:GetVideoSourceConfigurationsResponse>${videoSourceConfig(r.cam, 'tr2:Configurations')}</tr2:GetVideoSourceConfigurationsResponse>`,
  GetVideoEncoderConfigurations: (r) =>
    `<tr2:GetVideoEncoderConfigurationsResponse>${r.cam.streams
      .map((s) => videoEncoderConfig2(s, 'tr2:Configurations'))
      .join('')}</tr2:GetVideoEncoderConfigurationsResponse>`,
  GetStreamUri: (r) =>
    `<tr2:GetStreamUriResponse><tr2:Uri>${esc(requestedStream(r).rtspUrl)}</tr2:Uri></tr2:GetStreamUriResponse>`,
  GetSnapshotUri: (r) => {
    requestedStream(r);
    return `<tr2:GetSnapshotUriResponse><tr2:Uri>${esc(`${r.base}/snapshot.jpg`)}</tr2:Uri></tr2:GetSnapshotUriResponse>`;
  },
  GetServiceCapabilities: (r) =>
    `<tr2:GetServiceCapabilitiesResponse><tr2:Capabilities SnapshotUri="true" Rotation="false" Mask="${r.cam.masks !== undefined}" SourceMask="false"><tr2:ProfileCapabilities MaximumNumberOfProfiles="2"/><tr2:StreamingCapabilities RTSPStreaming="true" RTPMulticast="false"/></tr2:Capabilities></tr2:GetServiceCapabilitiesResponse>`,
};
