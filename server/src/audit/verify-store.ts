/**
 * Verifies the audit trail stored in a database: reads every checkpoint, then streams the whole
 * chain through the verifier in sequence order, and reports the first broken entry. On SQLite the
 * file is read directly (read-only) for speed; on PostgreSQL page by page through the query layer.
 */
import type { PublicKeyInfo } from '../keys/index.ts';
import { openSqliteAuditReader } from './sqlite-reader.ts';
import type { DbOrTx } from './store.ts';
import { readChainPages, readCheckpoints } from './store.ts';
import { ChainVerifier, verifyChain, type AuditVerifyReport } from './verify.ts';
import type { WitnessContent } from './witness-read.ts';

/**
 * Verifies the whole stored chain against the installation's public key and, when given, the
 * witness kept outside the database.
 */
export async function verifyStoredChain(
  db: DbOrTx,
  key: PublicKeyInfo,
  witness?: WitnessContent,
): Promise<AuditVerifyReport> {
  const verifier = new ChainVerifier(key, await readCheckpoints(db), witness);
  pages: for await (const page of readChainPages(db)) {
    for (const e of page) if (!verifier.push(e)) break pages;
  }
  return verifier.finish();
}

/** Verifies the chain in the SQLite database file at `path`, opened read-only (and its witness). */
export function verifySqliteFile(
  path: string,
  key: PublicKeyInfo,
  witness?: WitnessContent,
): AuditVerifyReport {
  const reader = openSqliteAuditReader(path);
  try {
    return verifyChain(reader.entries(), reader.checkpoints(), key, witness);
  } finally {
    reader.close();
  }
}
