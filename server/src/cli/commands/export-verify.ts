/**
 * `vedetta verify PACKAGE.zip [--public-key FILE]`: checks an evidence package offline. Exit
 * status 0 when everything verifies; 1 naming each failing file, frame or signature; 2 for a
 * malformed command line.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../../app/index.ts';
import { parseCommand } from '../args.ts';
import type { CliIo } from '../io.ts';
import { verifyPackage } from '../../export/index.ts';

/** Runs `vedetta verify ...`. */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'verify',
    args,
    { 'public-key': { type: 'string' } },
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
  const r = await verifyPackage(file, publicKeyPem === undefined ? {} : { publicKeyPem });
  const m = r.manifest;
  io.out(`package: ${file}`);
  if (m) {
    io.out(`export:  ${m.exportId} · case ${m.caseReference} · created ${m.createdAt}`);
    io.out(
      `by:      ${m.exporter.displayName} (${m.exporter.username}, ${m.exporter.agencyName}) for ${m.recipient}`,
    );
  }
  if (r.fingerprint !== undefined) {
    io.out(
      `key:     ${r.fingerprint}${r.keyFromPackage ? ' (taken from the package: compare it with the one the installation publishes)' : ''}`,
    );
  }
  for (const line of r.passed) io.out(`ok:      ${line}`);
  for (const p of r.problems) {
    const where = p.frame === undefined ? p.file : `${p.file} (frame ${p.frame})`;
    io.err(`FAILED:  ${where}: ${p.message}`);
  }
  io.out(r.ok ? 'VERIFIED' : `NOT VERIFIED: ${r.problems.length} problem(s)`);
  return r.ok ? 0 : 1;
}
