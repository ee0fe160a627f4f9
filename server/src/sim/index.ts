/** The sim module's public entry: what other modules may use (see README.md). */
export type { SimCameraConfig } from './camera-config.ts';
export { type Simulator, startSimulator } from './simulator.ts';
export { runSimCommand, SIM_USAGE } from './cli.ts';
export type { PtzView } from './ptz-view.ts';
export {
  type OnvifDevices,
  type OnvifDevicesOptions,
  type OnvifFaults,
  startOnvifDevices,
} from './onvif/onvif-devices.ts';
export type { SimEventKind } from './onvif/event-hub.ts';
export type { SimMask, SimMaskInput, SimMaskType } from './onvif/mask-state.ts';
