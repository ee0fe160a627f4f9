/**
 * Writes every refused access check of an HTTP request to the audit trail: after the route has
 * run, if it ended in `AccessDenied` not yet recorded (by `checkCameraAccess`, say), one `denied`
 * entry with the permission asked, the camera or resource, the caller and their address, and why.
 * Mounted once, after the session check, so that no route can forget it.
 */
import type { MiddlewareHandler } from 'hono';
import { isAccessDenied } from '../permissions/index.ts';
import type { Logger } from '../app/index.ts';
import { clientAddress } from '../http/index.ts';
import type { AppEnv } from '../http/index.ts';
import type { AuditRecorder } from './audit-log.ts';

/** Creates the middleware. */
export function auditDenials(
  audit: AuditRecorder,
  trustProxy: boolean,
  logger: Logger,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const err = c.error;
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
