/** The accounts module's start-up: agencies, users, sessions, login and API tokens, together. */
import type { Clock, Config, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { AccountsDb } from './tables.ts';
import { createAgencyService, type AgencyService } from './agencies.ts';
import { createLoginService, type LoginService } from './login.ts';
import type { GuessingListener } from './login-guessing.ts';
import type { HashingParams } from './passwords.ts';
import { createSessionService, type SessionService } from './sessions.ts';
import { createUserService, type UserService } from './users.ts';
import { createApiTokenService, type ApiTokenService } from './api-tokens.ts';
import type { PrincipalAccessLoader, RoleExists } from './access-loaders.ts';
import { createSecondFactorService, type SecondFactorService } from './second-factor.ts';

/** Everything the accounts module offers. */
export interface Accounts {
  agencies: AgencyService;
  users: UserService;
  sessions: SessionService;
  login: LoginService;
  /** API tokens of machines, acting as an account within a scope. */
  tokens: ApiTokenService;
  /** The second factor (TOTP, recovery codes) of accounts. */
  secondFactor: SecondFactorService;
}

/** Dependencies of the accounts module. */
export interface AccountsDeps {
  db: AccountsDb;
  clock: Clock;
  logger: Logger;
  auth: Config['auth'];
  /** Where logins, failed logins and logouts are recorded. */
  audit: AuditRecorder;
  /** argon2id cost; the production default unless a test lowers it. */
  hashing?: HashingParams;
  /** How a failed login waits (tests pass one that does not sleep). */
  delay?: (ms: number) => Promise<void>;
  /** What a principal holds, loaded by the access module (which sits above accounts). */
  principalAccess: PrincipalAccessLoader;
  /** Whether a role exists, asked of the access module. */
  roleExists: RoleExists;
  /** Told when an account is being guessed at, and when that stops (the composition's alarm). */
  guessing?: GuessingListener;
  /** 32 bytes that seal the TOTP secrets at rest (`sealingKeyOf(installationKey)`). */
  sealingKey: Buffer;
}

/** Creates the accounts services. */
export function createAccounts(deps: AccountsDeps): Accounts {
  const { db, clock } = deps;
  const sessions = createSessionService({
    db,
    clock,
    config: deps.auth.session,
    principalAccess: deps.principalAccess,
    logger: deps.logger.child({ module: 'accounts' }),
  });
  const secondFactor = createSecondFactorService({
    db,
    clock,
    sealingKey: deps.sealingKey,
    config: deps.auth.secondFactor,
  });
  return {
    secondFactor,
    agencies: createAgencyService({ db, clock }),
    users: createUserService({
      db,
      clock,
      roleExists: deps.roleExists,
      ...(deps.hashing ? { hashing: deps.hashing } : {}),
    }),
    sessions,
    tokens: createApiTokenService({ db, clock, principalAccess: deps.principalAccess }),
    login: createLoginService({
      db,
      clock,
      sessions,
      config: deps.auth.failedLogin,
      logger: deps.logger.child({ module: 'accounts' }),
      audit: deps.audit,
      secondFactor,
      ...(deps.hashing ? { hashing: deps.hashing } : {}),
      ...(deps.delay ? { delay: deps.delay } : {}),
      ...(deps.guessing ? { guessing: deps.guessing } : {}),
    }),
  };
}
export { sessionRoutes } from './routes.ts';
export { sessionMiddleware } from './session-middleware.ts';
export type { AccountTables } from './tables.ts';
