/**
 * The PTZ service (tptz) of a simulated dome: nodes and configurations, ContinuousMove / Stop,
 * AbsoluteMove / RelativeMove (instant), GetStatus (position and MoveStatus), presets and the
 * home position. Every move calls `onMove` so the dome's picture can follow.
 */
import type { PtzPosition, PtzState } from './ptz-state.ts';
import { PTZ_CONFIG, PTZ_NODE, PTZ_SPACES, ptzConfig } from './profile-xml.ts';
import { SoapFault, faults } from './soap.ts';
import type { ServiceHandlers, ServiceRequest } from './service.ts';
import { xsDateTime, parseDuration } from './xsd-time.ts';
import type { XmlElement } from './xml.ts';
import { child, esc, textOf } from './xml.ts';

function state(r: ServiceRequest): PtzState {
  if (r.cam.ptz === undefined) throw faults.actionNotSupported('PTZ');
  return r.cam.ptz;
}

function num(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw faults.invalidArg(`${what} must be a number`);
  return n;
}

/** Pan, tilt and zoom of a vector element (`Velocity`, `Position`, `Translation`). */
function vector(el: XmlElement | undefined): Partial<PtzPosition> {
  const pt = child(el, 'PanTilt');
  const z = child(el, 'Zoom');
  const out: Partial<PtzPosition> = {};
  const pan = num(pt?.attrs.x, 'PanTilt x');
  const tilt = num(pt?.attrs.y, 'PanTilt y');
  const zoom = num(z?.attrs.x, 'Zoom x');
  if (pan !== undefined) out.pan = pan;
  if (tilt !== undefined) out.tilt = tilt;
  if (zoom !== undefined) out.zoom = zoom;
  return out;
}

function checkProfile(r: ServiceRequest): void {
  const token = textOf(r.op, 'ProfileToken');
  if (token !== undefined && r.cam.stream(token) === undefined) {
    throw new SoapFault('Sender', 'ter:InvalidArgVal', `no profile ${token}`, 'ter:NoProfile');
  }
}

function position(p: PtzPosition): string {
  return (
    `<tt:PanTilt x="${p.pan.toFixed(4)}" y="${p.tilt.toFixed(4)}" space="${PTZ_SPACES.panTiltPosition}"/>` +
    `<tt:Zoom x="${p.zoom.toFixed(4)}" space="${PTZ_SPACES.zoomPosition}"/>`
  );
}

function node(): string {
  const space = (el: string, uri: string, min: number, max: number, y: boolean): string =>
    `<tt:${el}><tt:URI>${uri}</tt:URI><tt:XRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:XRange>` +
    (y ? `<tt:YRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:YRange>` : '') +
    `</tt:${el}>`;
  return (
    `<tt:Name>Dome</tt:Name><tt:SupportedPTZSpaces>` +
    space('AbsolutePanTiltPositionSpace', PTZ_SPACES.panTiltPosition, -1, 1, true) +
    space('AbsoluteZoomPositionSpace', PTZ_SPACES.zoomPosition, 0, 1, false) +
    space('RelativePanTiltTranslationSpace', PTZ_SPACES.panTiltTranslation, -1, 1, true) +
    space('RelativeZoomTranslationSpace', PTZ_SPACES.zoomTranslation, -1, 1, false) +
    space('ContinuousPanTiltVelocitySpace', PTZ_SPACES.panTiltVelocity, -1, 1, true) +
    space('ContinuousZoomVelocitySpace', PTZ_SPACES.zoomVelocity, -1, 1, false) +
    `<tt:PanTiltSpeedSpace><tt:URI>${PTZ_SPACES.panTiltSpeed}</tt:URI><tt:XRange><tt:Min>0</tt:Min><tt:Max>1</tt:Max></tt:XRange></tt:PanTiltSpeedSpace>` +
    `<tt:ZoomSpeedSpace><tt:URI>${PTZ_SPACES.zoomSpeed}</tt:URI><tt:XRange><tt:Min>0</tt:Min><tt:Max>1</tt:Max></tt:XRange></tt:ZoomSpeedSpace>` +
    `</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>100</tt:MaximumNumberOfPresets>` +
    `<tt:HomeSupported>true</tt:HomeSupported>`
  );
}

function presetToken(r: ServiceRequest): string {
  const token = textOf(r.op, 'PresetToken') ?? '';
  if (state(r).preset(token) === undefined) {
    throw new SoapFault('Sender', 'ter:InvalidArgVal', `no preset ${token}`, 'ter:NoToken');
  }
  return token;
}

/** Builds the PTZ service; `onMove(cameraId)` runs after every command that moves the dome. */
export function createPtzService(onMove: (cameraId: string) => void): ServiceHandlers {
  const moved = (r: ServiceRequest, body: string): string => {
    onMove(r.cam.id);
    return body;
  };
  const now = (r: ServiceRequest): number => r.clock.monotonicMs();
  return {
    GetNodes: (r) => {
      state(r);
      return `<tptz:GetNodesResponse><tptz:PTZNode token="${PTZ_NODE}" FixedHomePosition="false">${node()}</tptz:PTZNode></tptz:GetNodesResponse>`;
    },
    GetNode: (r) => {
      state(r);
      return `<tptz:GetNodeResponse><tptz:PTZNode token="${PTZ_NODE}" FixedHomePosition="false">${node()}</tptz:PTZNode></tptz:GetNodeResponse>`;
    },
    GetConfigurations: (r) => {
      state(r);
      return `<tptz:GetConfigurationsResponse>${ptzConfig('tptz:PTZConfiguration')}</tptz:GetConfigurationsResponse>`;
    },
    GetConfiguration: (r) => {
      state(r);
      const token = textOf(r.op, 'PTZConfigurationToken');
      if (token !== undefined && token !== PTZ_CONFIG)
        throw faults.invalidArg(`no configuration ${token}`, 'ter:NoConfig');
      return `<tptz:GetConfigurationResponse>${ptzConfig('tptz:PTZConfiguration')}</tptz:GetConfigurationResponse>`;
    },
    GetServiceCapabilities: () =>
      `<tptz:GetServiceCapabilitiesResponse><tptz:Capabilities EFlip="false" Reverse="false" GetCompatibleConfigurations="false" MoveStatus="true" StatusPosition="true"/></tptz:GetServiceCapabilitiesResponse>`,
    GetStatus: (r) => {
      const s = state(r);
      checkProfile(r);
      const t = now(r);
      const moving = s.moving(t);
      const status = (m: boolean): string => (m ? 'MOVING' : 'IDLE');
      return (
        `<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>${position(s.position(t))}</tt:Position>` +
        `<tt:MoveStatus><tt:PanTilt>${status(moving.panTilt)}</tt:PanTilt><tt:Zoom>${status(moving.zoom)}</tt:Zoom></tt:MoveStatus>` +
        `<tt:UtcTime>${xsDateTime(r.cam.nowMs(r.clock.nowMs()))}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
      );
    },
    ContinuousMove: (r) => {
      const s = state(r);
      checkProfile(r);
      const timeoutText = textOf(r.op, 'Timeout');
      const timeout = timeoutText === undefined ? undefined : parseDuration(timeoutText);
      if (timeoutText !== undefined && timeout === undefined)
        throw faults.invalidArg('bad Timeout');
      s.continuousMove(vector(child(r.op, 'Velocity')), now(r), timeout);
      return moved(r, '<tptz:ContinuousMoveResponse/>');
    },
    Stop: (r) => {
      const s = state(r);
      checkProfile(r);
      s.stop(now(r), textOf(r.op, 'PanTilt') !== 'false', textOf(r.op, 'Zoom') !== 'false');
      return moved(r, '<tptz:StopResponse/>');
    },
    AbsoluteMove: (r) => {
      state(r).moveTo(vector(child(r.op, 'Position')), now(r));
      return moved(r, '<tptz:AbsoluteMoveResponse/>');
    },
    RelativeMove: (r) => {
      state(r).moveBy(vector(child(r.op, 'Translation')), now(r));
      return moved(r, '<tptz:RelativeMoveResponse/>');
    },
    GetPresets: (r) => {
      const presets = state(r)
        .listPresets()
        .map(
          (p) =>
            `<tptz:Preset token="${esc(p.token)}"><tt:Name>${esc(p.name)}</tt:Name>` +
            `<tt:PTZPosition>${position(p.position)}</tt:PTZPosition></tptz:Preset>`,
        )
        .join('');
      return `<tptz:GetPresetsResponse>${presets}</tptz:GetPresetsResponse>`;
    },
    SetPreset: (r) => {
      const s = state(r);
      const token = textOf(r.op, 'PresetToken');
      if (token !== undefined && token !== '' && s.preset(token) === undefined) {
        throw new SoapFault('Sender', 'ter:InvalidArgVal', `no preset ${token}`, 'ter:NoToken');
      }
      const name = textOf(r.op, 'PresetName');
      const t = s.setPreset(
        now(r),
        name === '' ? undefined : name,
        token === '' ? undefined : token,
      );
      return `<tptz:SetPresetResponse><tptz:PresetToken>${esc(t)}</tptz:PresetToken></tptz:SetPresetResponse>`;
    },
    RemovePreset: (r) => {
      state(r).removePreset(presetToken(r));
      return '<tptz:RemovePresetResponse/>';
    },
    GotoPreset: (r) => {
      const s = state(r);
      const p = s.preset(presetToken(r));
      if (p !== undefined) s.moveTo(p.position, now(r));
      return moved(r, '<tptz:GotoPresetResponse/>');
    },
    GotoHomePosition: (r) => {
      state(r).gotoHome(now(r));
      return moved(r, '<tptz:GotoHomePositionResponse/>');
    },
    SetHomePosition: (r) => {
      state(r).setHome(now(r));
      return '<tptz:SetHomePositionResponse/>';
    },
  };
}
