/**
 * Verifies the audit trail stored in a database: reads every checkpoint, then streams the whole
 * chain through the verifier in sequence order, and reports the first broken entry.
 */
import type { PublicKeyInfo } from '../keys/installation-key.ts';
import type { DbOrTx } from './store.ts';
import { readChainPages, readCheckpoints } from './store.ts';
import { ChainVerifier, type AuditVerifyReport } from './verify.ts';

/** Verifies the whole stored chain against the installation's public key. */
export async function verifyStoredChain(
  db: DbOrTx,
  key: PublicKeyInfo,
): Promise<AuditVerifyReport> {
  const verifier = new ChainVerifier(key, await readCheckpoints(db));
  pages: for await (const page of readChainPages(db)) {
    for (const e of page) if (!verifier.push(e)) break pages;
  }
  return verifier.finish();
}
