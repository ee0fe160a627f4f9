/**
 * The audit calls: a page of the trail (`GET /api/audit`) and the check of the whole chain
 * (`GET /api/audit/verification`). Thin typed functions over the app's one request function.
 */
import { apiRequest } from '../api/index.ts';
import { pagePath, type AuditFilterForm } from './audit-filter.ts';

/** One entry as the API sends it. */
export interface AuditEntry {
  seq: number;
  timeMs: number;
  username: string | null;
  agencyId: string | null;
  sourceAddress: string | null;
  action: string;
  cameraId: string | null;
  resource: string | null;
  fromMs: number | null;
  toMs: number | null;
  outcome: 'granted' | 'denied';
  reason: string | null;
  caseReference: string | null;
  details: string | null;
}

/** The outcome of checking the chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  lastCheckpointSeq: number;
  firstBreak?: { seq: number; kind: string; message: string };
}

/** One page of the filtered trail, newest first, before `beforeSeq` when given. */
export const getAuditPage = (filter: AuditFilterForm, beforeSeq: number | null, timeZone: string) =>
  apiRequest<{ entries: AuditEntry[]; nextBeforeSeq: number | null }>(
    'GET',
    pagePath(filter, beforeSeq, 100, timeZone),
  );

/** Checks the whole chain of the trail. */
export const verifyAuditChain = () =>
  apiRequest<AuditVerification>('GET', '/api/audit/verification');
