/**
 * The second factor of local accounts: TOTP (`totp.ts`) with one-time recovery codes. Enrolment
 * makes a secret (stored sealed, `secret-box.ts`) that does nothing until a first code confirms
 * it; confirmation answers ten recovery codes, once, kept as SHA-256 only. A TOTP code is
 * accepted once: the step of the last accepted code is kept and only later steps pass. Who must
 * have a factor is configuration (`auth.secondFactor`): roles, or permissions held.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { AppError, type Clock, type SecondFactorConfig } from '../app/index.ts';
import { permissionsOf, type Principal } from '../permissions/index.ts';
import type { AccountsDb } from './tables.ts';
import { open, seal } from './secret-box.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** How many recovery codes a confirmation answers. */
export const RECOVERY_CODE_COUNT = 10;
/** The issuer name authenticator apps show next to the account. */
export const TOTP_ISSUER = 'Vedetta';

/** A secret being enrolled: for the authenticator app (QR of `uri`, or `secret` typed). */
export interface TotpEnrolment {
  secret: string;
  uri: string;
}

/** What was proved at a second-factor step, as `session.login` records it. */
export type SecondFactorMethod = 'password+totp' | 'password+recovery';

/** A second-factor answer: a TOTP code or a recovery code. */
export interface SecondFactorProof {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/** The second factor of accounts. */
export interface SecondFactorService {
  /** Whether the account has a confirmed TOTP factor. */
  hasTotp(userId: string): Promise<boolean>;
  /** Recovery codes not used yet. */
  recoveryCodesLeft(userId: string): Promise<number>;
  /** A new secret, not in use until confirmed; `failed_precondition` when one is in use. */
  enrol(userId: string, username: string): Promise<TotpEnrolment>;
  /** Confirms the enrolment with a first code; answers the recovery codes (shown once). */
  confirm(userId: string, code: string): Promise<string[]>;
  /** Checks a proof of a confirmed factor (each code once); undefined when it is wrong. */
  verify(userId: string, proof: SecondFactorProof): Promise<SecondFactorMethod | undefined>;
  /** Removes the factor and its recovery codes (an administrator's reset); true if there was one. */
  reset(userId: string): Promise<boolean>;
  /** Whether the configuration requires a second factor of this principal. */
  required(principal: Principal): boolean;
}

/** SHA-256 hex of a recovery code, normalized (case, spaces and dashes do not matter). */
export function recoveryCodeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random recovery code, `xxxxx-xxxxx` (about 50 bits). */
function newRecoveryCode(): string {
  const chars = Array.from(
    { length: 10 },
    () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Creates the second-factor service. `sealingKey`: 32 bytes (`sealingKeyOf`). */
export function createSecondFactorService(deps: {
  db: AccountsDb;
  clock: Clock;
  sealingKey: Buffer;
  config: SecondFactorConfig;
}): SecondFactorService {
  const { db, clock, sealingKey, config } = deps;
  const totpRow = (userId: string) =>
    db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();

  /** Accepts a TOTP code once: only a step after the last accepted one, written atomically. */
  async function acceptCode(userId: string, code: string, confirmed: boolean) {
    const row = await totpRow(userId);
    if (!row || (row.confirmed_ms !== null) !== confirmed) return undefined;
    const last = row.last_step === null ? null : Number(row.last_step);
    const step = matchTotp(open(sealingKey, row.secret_sealed), code, clock.nowMs(), last);
    if (step === undefined) return undefined;
    const res = await db
      .updateTable('user_totp')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? step : undefined;
  }

  return {
    async hasTotp(userId) {
      const row = await totpRow(userId);
      return row !== undefined && row.confirmed_ms !== null;
    },

    async recoveryCodesLeft(userId) {
      const rows = await db
        .selectFrom('user_recovery_codes')
        .select('id')
        .where('user_id', '=', userId)
        .where('used_ms', 'is', null)
        .execute();
      return rows.length;
    },

    async enrol(userId, username) {
      const row = await totpRow(userId);
      if (row?.confirmed_ms != null) {
        throw new AppError('failed_precondition', 'a second factor is already in use', {
          reason: 'totp_already_enrolled',
        });
      }
      const secret = newTotpSecret();
      const values = {
        secret_sealed: seal(sealingKey, secret),
        created_ms: clock.nowMs(),
        confirmed_ms: null,
        last_step: null,
      };
      if (row)
        await db.updateTable('user_totp').set(values).where('user_id', '=', userId).execute();
      else
        await db
          .insertInto('user_totp')
          .values({ user_id: userId, ...values })
          .execute();
      return { secret, uri: otpauthUri(TOTP_ISSUER, username, secret) };
    },

    async confirm(userId, code) {
      if ((await acceptCode(userId, code, false)) === undefined) {
        throw new AppError('invalid_argument', 'code: wrong or expired code', {
          key: 'code',
          reason: 'wrong_code',
        });
      }
      const now = clock.nowMs();
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('user_totp')
          .set({ confirmed_ms: now })
          .where('user_id', '=', userId)
          .execute();
        await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
        await tx
          .insertInto('user_recovery_codes')
          .values(
            codes.map((c) => ({
              id: randomUUID(),
              user_id: userId,
              code_hash: recoveryCodeHash(c),
              created_ms: now,
              used_ms: null,
            })),
          )
          .execute();
      });
      return codes;
    },

    async verify(userId, proof) {
      if (proof.code !== undefined) {
        return (await acceptCode(userId, proof.code, true)) === undefined
          ? undefined
          : 'password+totp';
      }
      if (proof.recoveryCode === undefined || !(await this.hasTotp(userId))) return undefined;
      const res = await db
        .updateTable('user_recovery_codes')
        .set({ used_ms: clock.nowMs() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', recoveryCodeHash(proof.recoveryCode))
        .where('used_ms', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) >= 1 ? 'password+recovery' : undefined;
    },

    async reset(userId) {
      const res = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
      await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
      return Number(res.numDeletedRows) > 0;
    },

    required(principal) {
      if (principal.access.token !== undefined || principal.access.display !== undefined) {
        return false;
      }
      if (config.requiredRoles.includes(principal.role)) return true;
      if (config.requiredPermissions.length === 0) return false;
      const held = permissionsOf(principal) as readonly string[];
      return config.requiredPermissions.some((p) => held.includes(p));
    },
  };
}
