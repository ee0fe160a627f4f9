/** The PTZ module's public entry (see README.md). */
export { createPtz, PTZ_SYSTEM_ACTOR, type PtzService, type PtzServiceDeps } from './create.ts';
export { ptzRoutes, type PtzRoutesDeps } from './routes.ts';
export type { PtzDriver, PtzPreset, PtzVelocity } from './driver.ts';
export { priorityOf, homeReturnMinutesOf } from './priority.ts';
export type { PtzStatus } from './api-shapes.ts';
export { PtzArbiter } from './arbiter.ts';
