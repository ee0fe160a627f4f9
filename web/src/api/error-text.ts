/**
 * A failed call in the user's language: the one function every page uses to show an error. The
 * words come from the error's kind and what the server names (`details.issues`, `details.key`,
 * or the `field: problem` form of its message), never from the server's English text, which is
 * kept as the detail (a tooltip) for whoever needs it.
 */
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import { ApiError, errorMessageKey } from './api-error.ts';

/** The interface's translate function (`useI18n().t`). */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** What to show for a failed call. */
export interface ErrorDescription {
  /** The message in the user's language. */
  text: string;
  /** The server's (or the browser's) own text, in English; undefined when there is none. */
  detail: string | undefined;
}

/** English problem texts the server writes (`app/validation.ts` and services), in words. */
const PROBLEMS: readonly [RegExp, (m: RegExpExecArray) => [MessageKey, MessageParams?]][] = [
  [
    /^(?:is )?required,? \(?at least (\d+) characters\)?$/,
    (m) => ['error.problem.requiredMin', { min: m[1] ?? '' }],
  ],
  [
    /^required, (\d+) to (\d+) characters$/,
    (m) => ['error.problem.rangeChars', { min: m[1] ?? '', max: m[2] ?? '' }],
  ],
  // Camera registry and legal holds (cameras/api-shapes.ts, retention-policy.ts, holds/).
  [
    /^is required when retentionDays is over (\d+)/,
    (m) => ['error.problem.justificationOver', { days: m[1] ?? '' }],
  ],
  [
    /^must be at most (\d+) days for urban_security cameras/,
    (m) => ['error.problem.urbanMaxDays', { n: m[1] ?? '' }],
  ],
  [/^the range must not exceed (\d+) days/, (m) => ['error.problem.holdSpan', { n: m[1] ?? '' }]],
  [/^needed when expiresMs is null/, () => ['error.problem.untilReleasedNeeded']],
  [/^only for a hold without an expiry/, () => ['error.problem.untilReleasedOnly']],
  [/^must be later than the current expiry/, () => ['error.problem.laterExpiry']],
  [/^the hold is already until released/, () => ['error.problem.alreadyUntilReleased']],
  [/^must be in the future/, () => ['error.problem.future']],
  [/^must not be in the future/, () => ['error.problem.notFuture']],
  [/^no recordings to hold/, () => ['error.problem.noRecordings']],
  [
    /^before the earliest recording of these cameras \((.+)\)$/,
    (m) => ['error.problem.beforeEarliest', { at: m[1] ?? '' }],
  ],
  [/^unknown camera (.+)$/, (m) => ['error.problem.unknownCamera', { ids: m[1] ?? '' }]],
  [/^unknown group (.+)$/, (m) => ['error.problem.unknownGroup', { ids: m[1] ?? '' }]],
  [/^must be a lower-case slug/, () => ['error.problem.slug']],
  [/^must be a URL such as/, () => ['error.problem.url']],
  [/^must be an rtsp:\/\/ or rtsps:\/\/ URL/, () => ['error.problem.rtspUrl']],
  [/^must not contain credentials/, () => ['error.problem.urlCredentials']],
  [
    /^file references must be inside (.+)$/,
    (m) => ['error.problem.secretsInside', { dir: m[1] ?? '' }],
  ],
  [/^the camera has no sub stream/, () => ['error.problem.noSubStream']],
  [/^(?:is )?required\b/, () => ['error.problem.required']],
  [/^must not be empty$/, () => ['error.problem.empty']],
  [/^(?:must be )?at most (\d+) characters$/, (m) => ['error.problem.maxChars', { n: m[1] ?? '' }]],
  [
    /^(?:must be )?at least (\d+) characters$/,
    (m) => ['error.problem.minChars', { n: m[1] ?? '' }],
  ],
  [
    /^(\d+) to (\d+) characters\b/,
    (m) => ['error.problem.rangeChars', { min: m[1] ?? '', max: m[2] ?? '' }],
  ],
  [/^must have at most (\d+) items$/, (m) => ['error.problem.maxItems', { n: m[1] ?? '' }]],
  [/^must have at least (\d+) items$/, (m) => ['error.problem.minItems', { n: m[1] ?? '' }]],
  [/^must be at most (\S+)$/, (m) => ['error.problem.max', { n: m[1] ?? '' }]],
  [/^must be at least (\S+)$/, (m) => ['error.problem.min', { n: m[1] ?? '' }]],
  [/^must be one of (.+)$/, (m) => ['error.problem.oneOf', { values: m[1] ?? '' }]],
  [/^must be a valid (\S+)$/, (m) => ['error.problem.format', { format: m[1] ?? '' }]],
  [/^must be an? (\S+)$/, (m) => ['error.problem.type', { type: m[1] ?? '' }]],
  [/^must be after '?(\w+)'?/, (m) => ['error.problem.after', { other: m[1] ?? '' }]],
  [/^unknown key$/, () => ['error.problem.unknownKey']],
];

/** A problem text in the user's language; "invalid value" for one this client does not know. */
export function problemText(t: Translate, problem: string): string {
  for (const [pattern, key] of PROBLEMS) {
    const m = pattern.exec(problem.trim());
    if (m) {
      const [k, params] = key(m);
      return t(k, params);
    }
  }
  return t('error.problem.invalid');
}

/** `Campo «reason»: obbligatorio`. */
function fieldText(t: Translate, field: string, problem: string): string {
  return field === ''
    ? problemText(t, problem)
    : t('error.field', { field, problem: problemText(t, problem) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `{path, message}` issues of a validation error, if it has them. */
function issuesOf(
  details: Record<string, unknown> | undefined,
): { path: string; message: string }[] {
  const issues = details?.['issues'];
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) =>
    isRecord(i) && typeof i.path === 'string' && typeof i.message === 'string'
      ? [{ path: i.path, message: i.message }]
      : [],
  );
}

/** The words for an invalid argument, from the details or the `field: problem` message. */
function invalidArgumentText(t: Translate, error: ApiError): string | undefined {
  const issues = issuesOf(error.details);
  if (issues.length > 0) return issues.map((i) => fieldText(t, i.path, i.message)).join('; ');
  // `field: problem`, optionally after `invalid <what>: ` (the server's validation wording).
  const m = /^(?:invalid [\w ]+: )?([A-Za-z][\w.[\]]*): (.+)$/.exec(error.message);
  const key = error.details?.['key'];
  if (typeof key === 'string') {
    return t('error.field', {
      field: key,
      problem: m ? problemText(t, m[2] ?? '') : t('error.problem.invalid'),
    });
  }
  return m ? fieldText(t, m[1] ?? '', m[2] ?? '') : undefined;
}

/**
 * What to show for any failed call: `text` in the user's language (by kind, naming the field
 * when the server names one), `detail` the original English text. Not only ApiError: any thrown
 * value gives the generic message with its own text as the detail.
 */
export function describeError(t: Translate, error: unknown): ErrorDescription {
  if (!(error instanceof ApiError)) {
    const detail =
      error instanceof Error
        ? error.message
        : typeof error === 'string' || typeof error === 'number'
          ? String(error)
          : undefined;
    return { text: t('error.kind.unknown'), detail };
  }
  const detail = error.message === '' ? undefined : error.message;
  if (error.kind === 'invalid_argument') {
    const fields = invalidArgumentText(t, error);
    if (fields !== undefined) return { text: fields, detail };
  }
  if (error.kind === 'resource_exhausted' && error.retryAfterSeconds !== undefined) {
    return { text: t('error.retryAfter', { seconds: error.retryAfterSeconds }), detail };
  }
  return { text: t(errorMessageKey(error)), detail };
}
