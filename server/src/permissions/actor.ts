/**
 * Who performs an administrative change, as the services that audit it need to know: the
 * principal and the network address the request came from.
 */
import type { Principal } from './principal.ts';

/** The author of a change. */
export interface Actor {
  readonly principal: Principal;
  readonly sourceAddress: string | null;
}
