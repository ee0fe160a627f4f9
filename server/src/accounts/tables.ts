/**
 * Row types of the accounts tables (agencies, users, sessions, login attempts, API tokens), as the typed
 * query layer sees them. The migration `0001-foundation` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `agencies`: a police force or office that uses Vedetta. */
export interface AgencyRow {
  id: string;
  name: string;
  kind: 'owner' | 'partner';
  created_ms: number;
}

/** `users`: a named personal account. `disabled` is 0 or 1. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  agency_id: string;
  disabled: number;
  created_ms: number;
  updated_ms: number;
}

/** `sessions`: a logged-in browser; the token itself is never stored, only its SHA-256. */
export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_ms: number;
  last_seen_ms: number;
  expires_ms: number;
  address: string;
}

/** `login_attempts`: one row per login attempt checked, for the waits, the alarm and forensics. */
export interface LoginAttemptRow {
  id: string;
  username: string;
  address: string;
  at_ms: number;
  succeeded: number;
  /** When a failure stopped counting (a later success from its address, or an unlock). */
  cleared_ms: number | null;
}

/** `api_tokens` (migration 0020): a named, scoped, expiring token that acts as an account. */
export interface ApiTokenRow {
  id: string;
  name: string;
  user_id: string;
  /** SHA-256 hex of the secret. */
  token_hash: string;
  /** JSON array of permission names: the scope. */
  permissions_json: string;
  created_ms: number;
  created_by_name: string;
  expires_ms: number;
  last_used_ms: number | null;
  revoked_ms: number | null;
  revoked_by_name: string | null;
}

/** `user_totp` (migration 0021): an account's TOTP secret, sealed; active once confirmed. */
export interface UserTotpRow {
  user_id: string;
  secret_sealed: string;
  created_ms: number;
  confirmed_ms: number | null;
  /** The last time step whose code was accepted (no replay). */
  last_step: number | null;
}

/** `user_recovery_codes` (migration 0021): one-time codes, SHA-256 only. */
export interface UserRecoveryCodeRow {
  id: string;
  user_id: string;
  code_hash: string;
  created_ms: number;
  used_ms: number | null;
}

/** The accounts tables, composed into the database `Schema`. */
export interface AccountTables {
  agencies: AgencyRow;
  users: UserRow;
  sessions: SessionRow;
  login_attempts: LoginAttemptRow;
  api_tokens: ApiTokenRow;
  user_totp: UserTotpRow;
  user_recovery_codes: UserRecoveryCodeRow;
}

/** The database as the accounts module may use it: its own tables only. */
export type AccountsDb = Db<AccountTables>;
