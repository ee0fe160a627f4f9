/**
 * JSON shapes of the access API (agencies, users, roles, agreements), documented in OpenAPI.
 * Shapes only; the services check the rules and name the bad field.
 */
import { z } from '@hono/zod-openapi';
import { CAMERA_PERMISSIONS, PERMISSIONS } from '../permissions/index.ts';

const slug = z.string().min(1).max(64);

/** An agency. */
export const agencySchema = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(['owner', 'partner']) })
  .openapi('Agency');

/** A new partner agency. */
export const agencyCreateSchema = z
  .strictObject({
    id: slug.openapi({ example: 'carabinieri' }),
    name: z.string().min(1).max(200).openapi({ example: 'Carabinieri - Comando Provinciale' }),
  })
  .openapi('AgencyCreate');

/** A change to an agency. */
export const agencyPatchSchema = z
  .strictObject({ name: z.string().min(1).max(200) })
  .openapi('AgencyPatch');

/** A user account (never the password). */
export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    agencyId: z.string(),
    disabled: z.boolean(),
    createdMs: z.number().int(),
    signIn: z
      .object({
        failedAttempts: z.number().int().openapi({
          description: 'Failed logins counted in the window (auth.failedLogin), from any address',
        }),
        delayedUntilMs: z.number().int().nullable().openapi({
          description: 'When the longest wait now running after failed logins ends; null: none',
        }),
        guessed: z.boolean().openapi({
          description: 'The failures reach the alarm threshold: the account is being guessed at',
        }),
      })
      .openapi('SignInState'),
  })
  .openapi('User');

/** A new account. */
export const userCreateSchema = z
  .strictObject({
    username: z.string().min(1).max(64).openapi({ example: 'm.rossi' }),
    password: z.string().min(1).max(1024),
    role: z.string().min(1).max(64).openapi({ example: 'operator' }),
    agencyId: slug.openapi({ example: 'carabinieri' }),
    displayName: z.string().max(200).optional(),
  })
  .openapi('UserCreate');

/** A change to an account. */
export const userPatchSchema = z
  .strictObject({
    displayName: z.string().min(1).max(200).optional(),
    role: z.string().min(1).max(64).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(1024).optional(),
  })
  .openapi('UserPatch');

/** A role. */
export const roleSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    playbackLookbackMs: z.number().int().nullable(),
    builtIn: z.boolean(),
  })
  .openapi('Role');

const roleTerms = {
  description: z.string().max(500).optional(),
  permissions: z.array(z.string()).max(PERMISSIONS.length * 2),
  playbackLookbackMs: z.number().int().nullable().optional(),
};

/** A new custom role. */
export const roleCreateSchema = z
  .strictObject({
    name: z.string().min(1).max(64).openapi({ example: 'operatore-notte' }),
    ...roleTerms,
  })
  .openapi('RoleCreate');

/** The terms of a custom role (replaced whole). */
export const roleUpdateSchema = z.strictObject(roleTerms).openapi('RoleUpdate');

/** An agreement. */
export const agreementSchema = z
  .object({
    id: z.string(),
    grantorAgencyId: z.string(),
    granteeAgencyId: z.string(),
    title: z.string(),
    legalInstrument: z.string(),
    legalInstrumentDate: z.string(),
    validFromMs: z.number().int(),
    validUntilMs: z.number().int().nullable(),
    status: z.enum(['active', 'suspended', 'revoked']),
    statusReason: z.string(),
    inForce: z.boolean(),
    permissions: z.array(z.enum(CAMERA_PERMISSIONS)),
    cameraIds: z.array(z.string()),
    groupIds: z.array(z.string()),
    createdBy: z.string(),
    createdMs: z.number().int(),
    updatedMs: z.number().int(),
  })
  .openapi('Agreement');

/** The terms of an agreement, for creation and replacement. */
export const agreementInputSchema = z
  .strictObject({
    granteeAgencyId: slug.openapi({ example: 'carabinieri' }),
    title: z.string().min(1).max(200),
    legalInstrument: z
      .string()
      .min(1)
      .max(500)
      .openapi({ example: "Protocollo d'intesa prot. 1234/2025" }),
    legalInstrumentDate: z.string().openapi({ example: '2025-03-01' }),
    validFromMs: z.number().int(),
    validUntilMs: z.number().int().nullable().optional(),
    permissions: z
      .array(z.string())
      .min(1)
      .max(CAMERA_PERMISSIONS.length * 2),
    cameraIds: z.array(slug).max(5000).optional(),
    groupIds: z.array(slug).max(1000).optional(),
  })
  .openapi('AgreementInput');

/** Why an agreement is suspended or revoked. */
export const statusReasonSchema = z
  .strictObject({ reason: z.string().min(1).max(500) })
  .openapi('StatusReason');
