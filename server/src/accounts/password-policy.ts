/**
 * What a new password must be: between `MIN_PASSWORD_LENGTH` and `MAX_PASSWORD_LENGTH`
 * characters, not containing the username, and hard enough to guess by zxcvbn's estimate (score
 * at least `MIN_PASSWORD_SCORE`, with the common, Italian and English dictionaries and the
 * username and display name as known words). A refusal is `invalid_argument` naming `password`,
 * with a machine-readable `reason` in its details, so that the web can say it in the user's
 * language.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as it from '@zxcvbn-ts/language-it';
import { invalidArgument } from '../app/index.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

/** Why a password was refused (`details.reason` of the error). */
export type PasswordRefusal = 'too_short' | 'too_long' | 'contains_username' | 'too_weak';

/** Lowest zxcvbn score (0 to 4) accepted: 3 is "safely unguessable" for an online attack. */
export const MIN_PASSWORD_SCORE = 3;

/** Usernames shorter than this are not looked for inside passwords (any word contains "a"). */
const MIN_USERNAME_TO_SEARCH = 3;

let estimator: ZxcvbnFactory | undefined;

/** The estimator, built on first use (loading the dictionaries takes a few hundred ms). */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...it.dictionary, ...en.dictionary },
  });
  return estimator;
}

/** Who the password is for: their words do not make it stronger. */
export interface PasswordOwner {
  username: string;
  displayName?: string | undefined;
}

/** Why `password` may not be chosen by `owner`, or undefined when it may. */
export function passwordRefusal(
  password: string,
  owner: PasswordOwner,
): PasswordRefusal | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const username = owner.username.trim().toLowerCase();
  if (username.length >= MIN_USERNAME_TO_SEARCH && password.toLowerCase().includes(username)) {
    return 'contains_username';
  }
  const known = [username, ...(owner.displayName?.split(/\s+/) ?? [])].filter((w) => w !== '');
  return zxcvbn().check(password, known).score < MIN_PASSWORD_SCORE ? 'too_weak' : undefined;
}

const MESSAGES: Record<PasswordRefusal, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
  contains_username: 'must not contain the username',
  too_weak: 'is too easy to guess: use a longer phrase of unrelated words, or add unusual ones',
};

/** Throws `invalid_argument` (`password: ...`, details `{ key, reason }`) for a refused password. */
export function checkNewPassword(password: string, owner: PasswordOwner): void {
  const reason = passwordRefusal(password, owner);
  if (reason === undefined) return;
  throw invalidArgument(`password: ${MESSAGES[reason]}`, { key: 'password', reason });
}
