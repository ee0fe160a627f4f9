/**
 * Camera stream credentials. A camera's `credentialsRef` (`env:NAME` or `file:/path`) points at
 * a secret whose content is `username:password`. Resolving it registers the password with the
 * logger, so it never reaches a log line; the credentials never go into a URL that is logged.
 * The reference comes from the database (set over the API), so a `file:` one is read only from
 * inside the secrets directory (`sources.fileDirectory`), symbolic links followed, every time.
 */
import {
  invalidArgument,
  registerSecret,
  resolveSecretRef,
  type SecretSources,
} from '../app/index.ts';

/** A camera's username and password. */
export interface CameraCredentials {
  username: string;
  password: string;
}

/**
 * Reads the credentials a camera's `credentialsRef` points at. A `file:` reference must resolve
 * inside `sources.fileDirectory` (without one, it is refused). Throws `invalid_argument`.
 */
export function resolveCameraCredentials(
  ref: string,
  sources: SecretSources = {},
): CameraCredentials {
  if (ref.startsWith('file:') && sources.fileDirectory === undefined) {
    throw invalidArgument(`credentials in ${ref}: file references need a secrets directory`);
  }
  const value = resolveSecretRef(ref, sources);
  const colon = value.indexOf(':');
  if (colon <= 0) {
    throw invalidArgument(`credentials in ${ref} must be username:password`);
  }
  const password = value.slice(colon + 1);
  registerSecret(password);
  return { username: value.slice(0, colon), password };
}
