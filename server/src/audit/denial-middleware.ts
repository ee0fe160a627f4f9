/**
 * Writes every refused access check of an HTTP request to the audit trail: after the route has
 * run, if it ended in `AccessDenied` not yet recorded (by `checkCameraAccess`, say), one `denied`
 * entry with the permission asked, the camera or resource, the caller and their address, and why.
 * A request for another's resource (`ForeignResource`: answered 404) is recorded the same way,
 * with reason `not_owner`, at most `foreignPerMinute` entries per user a minute
 * (`ForeignAttemptLimit`). Mounted once, after the session check, so that no route can forget it.
 */
import type { MiddlewareHandler } from 'hono';
import { isAccessDenied, isForeignResource } from '../permissions/index.ts';
import type { Clock, Logger } from '../app/index.ts';
import { clientAddress } from '../http/index.ts';
import type { AppEnv } from '../http/index.ts';
import type { AuditRecorder } from './audit-log.ts';
import { ForeignAttemptLimit } from './foreign-limit.ts';

/** Entries for requests to others' resources one user may cause a minute, by default. */
export const FOREIGN_ENTRIES_PER_MINUTE = 10;

/** What the middleware needs. */
export interface DenialDeps {
  audit: AuditRecorder;
  trustProxy: boolean;
  logger: Logger;
  clock: Clock;
  /** Default `FOREIGN_ENTRIES_PER_MINUTE`. */
  foreignPerMinute?: number;
}

/** Creates the middleware. */
export function auditDenials(deps: DenialDeps): MiddlewareHandler<AppEnv> {
  const { audit, trustProxy, logger } = deps;
  const limit = new ForeignAttemptLimit(
    deps.clock,
    deps.foreignPerMinute ?? FOREIGN_ENTRIES_PER_MINUTE,
  );
  return async (c, next) => {
    await next();
    const err = c.error;
    if (isForeignResource(err) && !err.recorded) {
      err.recorded = true;
      const principal = c.get('principal') ?? null;
      const address = clientAddress(c, trustProxy);
      const verdict = limit.next(principal?.userId ?? `address:${address ?? ''}`);
      if (verdict === 'skip') return;
      const f = err.foreign;
      try {
        await audit.record({
          action: f.permission,
          outcome: 'denied',
          principal,
          sourceAddress: address,
          resource: f.resource,
          reason: 'not_owner',
          details: {
            method: c.req.method,
            path: c.req.path,
            owner: f.owner,
            ...(verdict === 'record_last' ? { furtherThisMinuteNotRecorded: true } : {}),
          },
        });
      } catch (e) {
        logger.error({ err: e, path: c.req.path }, 'audit: could not record a denial');
      }
      return;
    }
    if (!isAccessDenied(err) || err.recorded) return;
    err.recorded = true;
    const d = err.denial;
    const [only] = d.required;
    try {
      await audit.record({
        action: d.required.length === 1 && only !== undefined ? only : 'access.denied',
        outcome: 'denied',
        principal: c.get('principal') ?? null,
        sourceAddress: clientAddress(c, trustProxy),
        cameraId: d.cameraId,
        resource: d.resource,
        fromMs: d.fromMs,
        reason: d.reason,
        details: { method: c.req.method, path: c.req.path, required: d.required },
      });
    } catch (e) {
      logger.error({ err: e, path: c.req.path }, 'audit: could not record a denial');
    }
  };
}
