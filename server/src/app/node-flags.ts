/**
 * The Node/V8 flags the server runs with, read from the first line of `server/bin/vedetta.mjs`
 * (`#!/usr/bin/env -S node FLAGS`), where they are stated once: the ingest benchmark starts its
 * recorder with them, and a test checks that `npm run demo` passes the same.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the `vedetta` command. */
export const VEDETTA_BIN = fileURLToPath(new URL('../../bin/vedetta.mjs', import.meta.url));

/** The flags after `node` on the shebang line of `file` (default: the `vedetta` command). */
export function serverNodeFlags(file: string = VEDETTA_BIN): string[] {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env -S node(?<flags>( +--[a-z0-9-]+(=\S+)?)*) *$/.exec(first);
  if (!m) throw new Error(`${file}: first line is not "#!/usr/bin/env -S node FLAGS": ${first}`);
  return (m.groups?.['flags'] ?? '').split(' ').filter((f) => f !== '');
}
