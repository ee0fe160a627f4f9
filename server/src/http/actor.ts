/**
 * The author of a change made over HTTP: the session's principal and the client's address.
 */
import type { Context } from 'hono';
import { clientAddress } from './client-address.ts';
import { currentPrincipal, type AppEnv } from './context.ts';
import type { Actor } from '../permissions/index.ts';

/** The actor of a request. */
export function actorOf(c: Context<AppEnv>, trustProxy: boolean): Actor {
  return { principal: currentPrincipal(c), sourceAddress: clientAddress(c, trustProxy) };
}
