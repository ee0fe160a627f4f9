/**
 * Recognises "the volume is full" in whatever form it arrives: SQLite's `SQLITE_FULL` ("database
 * or disk is full"), PostgreSQL's `disk_full` (SQLSTATE 53100), or a file system's `ENOSPC` /
 * `EDQUOT`, also when wrapped as the `cause` of another error. Callers use it to tell a full
 * disk (wait, free space, answer 503) from a bug.
 */

const CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']);

function codeOf(e: object): unknown {
  return 'code' in e ? e.code : undefined;
}

/** True when `e` (or an error in its `cause` chain) says the storage is full. */
export function isStorageFullError(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; depth < 8 && typeof cur === 'object' && cur !== null; depth++) {
    const code = codeOf(cur);
    if (typeof code === 'string' && CODES.has(code)) return true;
    if (cur instanceof Error && /database or disk is full/i.test(cur.message)) return true;
    cur = 'cause' in cur ? cur.cause : undefined;
  }
  return false;
}
