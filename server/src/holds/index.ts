/** The legal holds module's public entry. */
export {
  createHoldService,
  type HoldService,
  type HoldFilter,
  type HoldServiceDeps,
} from './create.ts';
export { holdRoutes } from './routes.ts';
export {
  heldRangesByCamera,
  holdStatusAt,
  holdsInForceOver,
  type HoldInWindow,
  type HoldsDbOrTx,
} from './store.ts';
export {
  mergeHeld,
  clipHeld,
  overlaps,
  overlapsAny,
  type TimeRange,
  type HeldRange,
} from './ranges.ts';
export { HOLD_MAX_SPAN_MS } from './api-shapes.ts';
export type { LegalHold, HoldStatus, HoldCreate } from './api-shapes.ts';
export type { HoldsDb, HoldTables } from './tables.ts';
