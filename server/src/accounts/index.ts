/**
 * The accounts module's public entry: agencies, users, sessions and login, created together by
 * `createAccounts` (`create.ts`).
 */
export { createAccounts, type Accounts, type AccountsDeps } from './create.ts';
export { OWNER_AGENCY_ID, type Agency, type AgencyService } from './agencies.ts';
export { type User, type NewUser, type UserService, normalizeUsername } from './users.ts';
export { type SessionService, type NewSession, tokenHash } from './sessions.ts';
export type { PrincipalAccessLoader, RoleExists } from './access-loaders.ts';
export {
  ownerAgencyId,
  agencyExists,
  accountStanding,
  someUsernameWithRole,
  usersChangeStamp,
  type AccountStanding,
} from './account-store.ts';
export {
  type LoginService,
  type LoginResult,
  type LoginMethod,
  type Credentials,
  type SecondFactorChallenge,
} from './login.ts';
export { sealingKeyOf } from './secret-box.ts';
export {
  RECOVERY_CODE_COUNT,
  type SecondFactorService,
  type TotpEnrolment,
} from './second-factor.ts';
export { secondFactorRoutes } from './second-factor-routes.ts';
export { secondFactorGuard } from './second-factor-guard.ts';
export type { SignInState } from './login-throttle.ts';
export type { GuessingListener, GuessingReport } from './login-guessing.ts';
export {
  checkNewPassword,
  passwordRefusal,
  MIN_PASSWORD_SCORE,
  type PasswordRefusal,
} from './password-policy.ts';
export {
  DEFAULT_HASHING,
  TEST_HASHING,
  MIN_PASSWORD_LENGTH,
  hashPassword,
  verifyPassword,
  type HashingParams,
} from './passwords.ts';
export { sessionRoutes } from './routes.ts';
export { sessionMiddleware } from './session-middleware.ts';
export {
  API_TOKEN_PREFIX,
  MAX_TOKEN_DAYS,
  type ApiToken,
  type ApiTokenService,
  type NewApiToken,
} from './api-tokens.ts';
export { tokenMiddleware } from './token-middleware.ts';
export { tokenRoutes } from './token-routes.ts';
export type { AccountTables, AccountsDb } from './tables.ts';
