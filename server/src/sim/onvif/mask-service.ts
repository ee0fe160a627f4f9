/**
 * The privacy-mask operations of the Media2 service (tr2): GetMasks (optionally one `Token`, or
 * one video source `ConfigurationToken`), CreateMask, SetMask, DeleteMask and GetMaskOptions.
 * Masks are `tr2:Masks` elements with `tt:ConfigurationToken`, `tt:Polygon` of `tt:Point x y`
 * (ONVIF's normalised space, y up), `tt:Type`, `tt:Color`, `tt:Enabled`. A camera without mask
 * support (the PTZ domes) answers every one of them `ter:ActionNotSupported`, as a device does.
 */
import type { MaskState, SimMaskInput, SimMask, SimMaskType } from './mask-state.ts';
import { MASK_TYPES, MAX_MASK_POINTS, MAX_MASKS, MaskRefusal } from './mask-state.ts';
import { SoapFault, faults } from './soap.ts';
import type { Handler, ServiceHandlers, ServiceRequest } from './service.ts';
import type { XmlElement } from './xml.ts';
import { child, esc, textOf } from './xml.ts';

function state(r: ServiceRequest, operation: string): MaskState {
  if (r.cam.masks === undefined) throw faults.actionNotSupported(operation);
  return r.cam.masks;
}

function maskXml(m: SimMask): string {
  const color =
    m.color === undefined
      ? ''
      : `<tt:Color X="${m.color.x}" Y="${m.color.y}" Z="${m.color.z}" Colorspace="http://www.onvif.org/ver10/colorspace/YCbCr"/>`;
  return (
    `<tr2:Masks token="${esc(m.token)}"><tt:ConfigurationToken>${esc(m.configurationToken)}</tt:ConfigurationToken>` +
    `<tt:Polygon>${m.points.map(([x, y]) => `<tt:Point x="${x}" y="${y}"/>`).join('')}</tt:Polygon>` +
    `<tt:Type>${m.type}</tt:Type>${color}<tt:Enabled>${m.enabled}</tt:Enabled></tr2:Masks>`
  );
}

/** The `Mask` element of a CreateMask / SetMask request as a mask input. */
function maskInput(el: XmlElement | undefined, masks: MaskState): SimMaskInput {
  if (el === undefined) throw faults.invalidArg('no Mask in the request');
  const config = textOf(el, 'ConfigurationToken');
  if (config !== undefined && config !== masks.configurationToken) {
    throw faults.invalidArg(`no video source configuration ${config}`, 'ter:NoConfig');
  }
  const points = (child(el, 'Polygon')?.children ?? [])
    .filter((p) => p.name === 'Point')
    .map((p): [number, number] => [Number(p.attrs.x ?? NaN), Number(p.attrs.y ?? NaN)]);
  const type = textOf(el, 'Type') ?? 'Color';
  if (!(MASK_TYPES as readonly string[]).includes(type)) {
    throw faults.invalidArg(`unsupported mask type ${type}`);
  }
  const enabled = textOf(el, 'Enabled');
  const color = child(el, 'Color');
  return {
    points,
    type: type as SimMaskType,
    enabled: enabled === undefined ? true : enabled === 'true' || enabled === '1',
    ...(color === undefined
      ? {}
      : {
          color: {
            x: Number(color.attrs.X ?? 0),
            y: Number(color.attrs.Y ?? 0),
            z: Number(color.attrs.Z ?? 0),
          },
        }),
  };
}

/** Runs a change, turning a refused mask into `ter:InvalidArgVal`. */
function refusing<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof MaskRefusal) throw faults.invalidArg(e.message);
    throw e;
  }
}

const noMask = (token: string): SoapFault =>
  new SoapFault('Sender', 'ter:InvalidArgVal', `no mask ${token}`, 'ter:NoMask');

const getMasks: Handler = (r) => {
  const masks = state(r, 'GetMasks');
  const token = textOf(r.op, 'Token');
  const config = textOf(r.op, 'ConfigurationToken');
  const found =
    config !== undefined && config !== masks.configurationToken ? [] : masks.list(token);
  if (token !== undefined && found.length === 0) throw noMask(token);
  return `<tr2:GetMasksResponse>${found.map(maskXml).join('')}</tr2:GetMasksResponse>`;
};

/** The mask operations, added to the Media2 service. */
export const maskHandlers: ServiceHandlers = {
  GetMasks: getMasks,
  CreateMask: (r) => {
    const masks = state(r, 'CreateMask');
    const token = refusing(() => masks.create(maskInput(child(r.op, 'Mask'), masks)));
    return `<tr2:CreateMaskResponse><tr2:Token>${esc(token)}</tr2:Token></tr2:CreateMaskResponse>`;
  },
  SetMask: (r) => {
    const masks = state(r, 'SetMask');
    const el = child(r.op, 'Mask');
    const token = el?.attrs.token ?? '';
    if (!refusing(() => masks.set(token, maskInput(el, masks)))) throw noMask(token);
    return '<tr2:SetMaskResponse/>';
  },
  DeleteMask: (r) => {
    const masks = state(r, 'DeleteMask');
    const token = textOf(r.op, 'Token') ?? '';
    if (!masks.delete(token)) throw noMask(token);
    return '<tr2:DeleteMaskResponse/>';
  },
  GetMaskOptions: (r) => {
    state(r, 'GetMaskOptions');
    return (
      `<tr2:GetMaskOptionsResponse><tr2:Options RectangleOnly="false" SingleColorOnly="true">` +
      `<tr2:MaxMasks>${MAX_MASKS}</tr2:MaxMasks><tr2:MaxPoints>${MAX_MASK_POINTS}</tr2:MaxPoints>` +
      MASK_TYPES.map((t) => `<tr2:Types>${t}</tr2:Types>`).join('') +
      `<tr2:Color><tt:ColorList X="16" Y="128" Z="128"/></tr2:Color>` +
      `</tr2:Options></tr2:GetMaskOptionsResponse>`
    );
  },
};
