/**
 * What the accounts module asks of the access module, which sits above it: handed in by the
 * composition as functions, so that accounts never imports access (or reads its tables).
 */
import type { AccessSubject, PrincipalAccess } from '../permissions/index.ts';

/** Loads what a subject holds at `nowMs`; undefined when their role does not exist. */
export type PrincipalAccessLoader = (
  subject: AccessSubject,
  nowMs: number,
) => Promise<PrincipalAccess | undefined>;

/** Whether a role (built-in or custom) of that name exists. */
export type RoleExists = (name: string) => Promise<boolean>;
