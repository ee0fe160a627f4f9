/**
 * `vedetta verify PACKAGE.zip [--public-key FILE] [--fingerprint HEX]`: checks an evidence
 * package offline against the installation key, pinned from a source other than the package: its
 * public key, or its fingerprint as the installation publishes it (public page, `vedetta keys
 * show`). Exit status 0 when everything verifies with a pinned key; 1 naming each failing file,
 * frame or signature (a pinned key that is not the package's among them); 2 for a malformed
 * command line, or when every check holds but no key was pinned: the package's own key then
 * proves nothing, since a package re-signed throughout with another key would pass too.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../../app/index.ts';
import { parseCommand } from '../args.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { verifyPackage } from '../../export/index.ts';
import { parseFingerprint } from '../../keys/index.ts';

/** Runs `vedetta verify ...`. */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'verify',
    args,
    { 'public-key': { type: 'string' }, fingerprint: { type: 'string' } },
    { min: 1, max: 1, names: 'PACKAGE.zip' },
  );
  const file = positionals[0] ?? '';
  let publicKeyPem: string | undefined;
  const keyFile = values['public-key'];
  if (keyFile !== undefined) {
    try {
      publicKeyPem = readFileSync(keyFile, 'utf8');
    } catch {
      throw new AppError('invalid_argument', `--public-key: cannot read ${keyFile}`);
    }
  }
  const fingerprint = values.fingerprint;
  if (fingerprint !== undefined && parseFingerprint(fingerprint) === undefined) {
    throw new UsageError(
      'verify: --fingerprint must be a SHA-256 fingerprint, 64 hexadecimal digits (as vedetta keys show prints it)',
    );
  }
  const r = await verifyPackage(file, {
    ...(publicKeyPem === undefined ? {} : { publicKeyPem }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
  });
  const m = r.manifest;
  io.out(`package: ${file}`);
  if (m) {
    io.out(`export:  ${m.exportId} · case ${m.caseReference} · created ${m.createdAt}`);
    io.out(
      `by:      ${m.exporter.displayName} (${m.exporter.username}, ${m.exporter.agencyName}) for ${m.recipient}`,
    );
  }
  if (r.fingerprint !== undefined) {
    const origin = !r.keyFromPackage
      ? ' (the public key given)'
      : r.pinned
        ? ' (taken from the package, checked against the fingerprint given)'
        : ' (taken from the package, not pinned)';
    io.out(`key:     ${r.fingerprint}${origin}`);
  }
  for (const line of r.passed) io.out(`ok:      ${line}`);
  for (const p of r.problems) {
    const where = p.frame === undefined ? p.file : `${p.file} (frame ${p.frame})`;
    io.err(`FAILED:  ${where}: ${p.message}`);
  }
  if (r.problems.length > 0) {
    io.out(`NOT VERIFIED: ${r.problems.length} problem(s)`);
    return 1;
  }
  if (!r.pinned) {
    io.err(
      `UNPINNED KEY: signature valid for key ${r.fingerprint ?? '(none)'}, which is not pinned: compare it with the installation's published fingerprint, then run again with --fingerprint PUBLISHED-FINGERPRINT or --public-key FILE`,
    );
    return 2;
  }
  io.out('VERIFIED');
  return 0;
}
