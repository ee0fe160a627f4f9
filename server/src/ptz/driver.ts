/**
 * What the PTZ service asks of a camera: the ONVIF PTZ operations it uses, by camera id. The
 * composition gives one over Vedetta's ONVIF client; the service never speaks SOAP itself.
 */

/** Pan, tilt and zoom velocities, each from -1 to 1 (zoom: in above 0). */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

/** A preset stored in the camera. */
export interface PtzPreset {
  token: string;
  name: string;
}

/** The camera side of PTZ. Each call rejects with an error naming what failed. */
export interface PtzDriver {
  /** Whether the camera has PTZ at all (an ONVIF PTZ service and a profile with PTZ). */
  supports(cameraId: string): Promise<boolean>;
  continuousMove(cameraId: string, velocity: PtzVelocity): Promise<void>;
  stop(cameraId: string): Promise<void>;
  presets(cameraId: string): Promise<PtzPreset[]>;
  gotoPreset(cameraId: string, token: string): Promise<void>;
  /** Saves the current position as a preset (a new one, or `token` overwritten); its token. */
  setPreset(cameraId: string, name: string, token?: string): Promise<string>;
  removePreset(cameraId: string, token: string): Promise<void>;
  gotoHome(cameraId: string): Promise<void>;
}
