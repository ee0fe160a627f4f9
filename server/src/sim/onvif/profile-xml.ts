/**
 * The configuration elements the Media and Media2 services share: the video source, its
 * configuration, the encoder configuration of each stream, and the PTZ configuration of a dome.
 * `el` is the element name with its prefix (Media writes `tt:...`, Media2 `tr2:...`).
 */
import type { OnvifCamera, OnvifStream } from './onvif-camera.ts';
import { esc } from './xml.ts';

/** The token of the one video source and of its configuration. */
export const VIDEO_SOURCE = 'vsrc';
export const VIDEO_SOURCE_CONFIG = 'vsc';
/** The token of a dome's PTZ configuration and of its node. */
export const PTZ_CONFIG = 'ptz';
export const PTZ_NODE = 'ptz-node';

const SPACE = 'http://www.onvif.org/ver10/tptz';
/** The generic spaces of ONVIF PTZ. */
export const PTZ_SPACES = {
  panTiltPosition: `${SPACE}/PanTiltSpaces/PositionGenericSpace`,
  zoomPosition: `${SPACE}/ZoomSpaces/PositionGenericSpace`,
  panTiltTranslation: `${SPACE}/PanTiltSpaces/TranslationGenericSpace`,
  zoomTranslation: `${SPACE}/ZoomSpaces/TranslationGenericSpace`,
  panTiltVelocity: `${SPACE}/PanTiltSpaces/VelocityGenericSpace`,
  zoomVelocity: `${SPACE}/ZoomSpaces/VelocityGenericSpace`,
  panTiltSpeed: `${SPACE}/PanTiltSpaces/GenericSpeedSpace`,
  zoomSpeed: `${SPACE}/ZoomSpaces/ZoomGenericSpeedSpace`,
} as const;

/** The main stream (its size is the video source's). */
export function mainStream(cam: OnvifCamera): OnvifStream {
  const main = cam.stream('main');
  if (main === undefined) throw new Error(`camera ${cam.id} has no main stream`);
  return main;
}

/** The encoding name ONVIF uses. */
export function encodingName(s: OnvifStream): string {
  return s.codec === 'h264' ? 'H264' : 'H265';
}

/** A video source configuration element. */
export function videoSourceConfig(cam: OnvifCamera, el: string): string {
  const m = mainStream(cam);
  return (
    `<${el} token="${VIDEO_SOURCE_CONFIG}"><tt:Name>${VIDEO_SOURCE_CONFIG}</tt:Name>` +
    `<tt:UseCount>${cam.streams.length}</tt:UseCount><tt:SourceToken>${VIDEO_SOURCE}</tt:SourceToken>` +
    `<tt:Bounds x="0" y="0" width="${m.width}" height="${m.height}"/></${el}>`
  );
}

/** A Media (ver10) video encoder configuration. */
export function videoEncoderConfig1(s: OnvifStream, el: string): string {
  const codec =
    s.codec === 'h264'
      ? `<tt:H264><tt:GovLength>${s.gopFrames}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>`
      : '';
  return (
    `<${el} token="vec-${s.token}"><tt:Name>vec-${s.token}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${encodingName(s)}</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${s.width}</tt:Width><tt:Height>${s.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>${s.fps}</tt:FrameRateLimit>` +
    `<tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${s.bitrateKbps}</tt:BitrateLimit>` +
    `</tt:RateControl>${codec}<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type>` +
    `<tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL>` +
    `<tt:AutoStart>false</tt:AutoStart></tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout></${el}>`
  );
}

/** A Media2 (ver20) video encoder configuration. */
export function videoEncoderConfig2(s: OnvifStream, el: string): string {
  return (
    `<${el} token="vec-${s.token}" GovLength="${s.gopFrames}" Profile="Main">` +
    `<tt:Name>vec-${s.token}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${encodingName(s)}</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${s.width}</tt:Width><tt:Height>${s.height}</tt:Height></tt:Resolution>` +
    `<tt:RateControl ConstantBitRate="false"><tt:FrameRateLimit>${s.fps}</tt:FrameRateLimit>` +
    `<tt:BitrateLimit>${s.bitrateKbps}</tt:BitrateLimit></tt:RateControl><tt:Quality>5</tt:Quality></${el}>`
  );
}

/** A dome's PTZ configuration. */
export function ptzConfig(el: string): string {
  const range = (uri: string, min: number, max: number, y: boolean): string =>
    `<tt:Range><tt:URI>${uri}</tt:URI><tt:XRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:XRange>` +
    (y ? `<tt:YRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:YRange>` : '') +
    `</tt:Range>`;
  return (
    `<${el} token="${PTZ_CONFIG}"><tt:Name>${PTZ_CONFIG}</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:NodeToken>${PTZ_NODE}</tt:NodeToken>` +
    `<tt:DefaultAbsolutePantTiltPositionSpace>${PTZ_SPACES.panTiltPosition}</tt:DefaultAbsolutePantTiltPositionSpace>` +
    `<tt:DefaultAbsoluteZoomPositionSpace>${PTZ_SPACES.zoomPosition}</tt:DefaultAbsoluteZoomPositionSpace>` +
    `<tt:DefaultRelativePanTiltTranslationSpace>${PTZ_SPACES.panTiltTranslation}</tt:DefaultRelativePanTiltTranslationSpace>` +
    `<tt:DefaultRelativeZoomTranslationSpace>${PTZ_SPACES.zoomTranslation}</tt:DefaultRelativeZoomTranslationSpace>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${PTZ_SPACES.panTiltVelocity}</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${PTZ_SPACES.zoomVelocity}</tt:DefaultContinuousZoomVelocitySpace>` +
    `<tt:DefaultPTZSpeed><tt:PanTilt x="1" y="1" space="${PTZ_SPACES.panTiltSpeed}"/>` +
    `<tt:Zoom x="1" space="${PTZ_SPACES.zoomSpeed}"/></tt:DefaultPTZSpeed>` +
    `<tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout>` +
    `<tt:PanTiltLimits>${range(PTZ_SPACES.panTiltPosition, -1, 1, true)}</tt:PanTiltLimits>` +
    `<tt:ZoomLimits>${range(PTZ_SPACES.zoomPosition, 0, 1, false)}</tt:ZoomLimits></${el}>`
  );
}

/** The video source element (GetVideoSources). */
export function videoSource(cam: OnvifCamera): string {
  const m = mainStream(cam);
  return (
    `<trt:VideoSources token="${VIDEO_SOURCE}"><tt:Framerate>${m.fps}</tt:Framerate>` +
    `<tt:Resolution><tt:Width>${m.width}</tt:Width><tt:Height>${m.height}</tt:Height></tt:Resolution>` +
    `</trt:VideoSources>`
  );
}

/** A profile's display name. */
export function profileName(cam: OnvifCamera, s: OnvifStream): string {
  return esc(`${cam.id} ${s.token}`);
}
