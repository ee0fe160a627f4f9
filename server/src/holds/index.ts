/** The legal holds module's public entry. */
export {
  createHoldService,
  type HoldService,
  type HoldFilter,
  type HoldServiceDeps,
} from './hold-service.ts';
export { holdRoutes, actorOf } from './routes.ts';
export { heldRangesByCamera, holdStatusAt } from './store.ts';
export {
  mergeHeld,
  clipHeld,
  overlaps,
  overlapsAny,
  type TimeRange,
  type HeldRange,
} from './ranges.ts';
export type { LegalHold, HoldStatus, HoldCreate } from './schema.ts';
export type { Actor } from './actor.ts';
