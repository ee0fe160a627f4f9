/**
 * Guessing at an account, as an alarm for the administrators: the login service (accounts) says
 * when an account is being guessed at and when that stops; this raises and clears a warning on
 * the alarm board (retention), which the live alarm feed shows on the Alarms page.
 */
import type { GuessingListener } from '../accounts/index.ts';
import type { AlarmSink } from '../retention/index.ts';

/** The alarm kind. */
export const LOGIN_GUESSING_ALARM = 'login.guessing';

/** The alarm's key for one account. */
export const loginGuessingKey = (username: string): string => `${LOGIN_GUESSING_ALARM}:${username}`;

/** A guessing listener that raises and clears alarms on `board`. */
export function loginGuessingAlarms(board: AlarmSink): GuessingListener {
  return {
    onGuessing({ username, failures, addresses, windowMinutes }) {
      board.raise({
        key: loginGuessingKey(username),
        kind: LOGIN_GUESSING_ALARM,
        severity: 'warning',
        message:
          `account ${username} is being guessed at: ${failures} failed logins in the last ` +
          `${windowMinutes} minutes from ${addresses} address${addresses === 1 ? '' : 'es'}`,
      });
    },
    onGuessingStopped(username) {
      board.clear(loginGuessingKey(username));
    },
  };
}
