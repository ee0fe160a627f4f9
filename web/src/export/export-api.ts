/**
 * Calls of the export panel and the verification page. Thin typed functions over the app's one
 * request function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';
import type { ProblemKind, VerifyCheck } from './verify-messages.ts';

/** A chain-of-custody event. */
export interface CustodyEvent {
  event: string;
  at: string;
  userId: string | null;
  username: string | null;
  agencyId: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown>;
}

/** An export as the server shows it. */
export interface ExportInfo {
  id: string;
  state: 'queued' | 'waiting' | 'running' | 'done' | 'failed';
  progress: number;
  cameras: string[];
  from: string;
  to: string;
  reason: string;
  caseReference: string;
  recipient: string;
  exporter: { username: string; displayName: string };
  createdAt: string;
  package: {
    url: string;
    sizeBytes: number;
    manifestSha256: string;
    keyFingerprint: string;
  } | null;
  error: string | null;
  custody: CustodyEvent[];
}

/** What asking for an export sends. */
export interface ExportRequest {
  cameras: string[];
  from: string;
  to: string;
  reason: string;
  caseReference: string;
  recipient: string;
  /** Instants of which a still of every camera goes into the package. */
  stills?: string[];
}

/** Asks for an export; its id. */
export async function createExport(r: ExportRequest): Promise<string> {
  return (await apiRequest<{ id: string }>('POST', '/api/exports', { body: r })).id;
}

/** The exports the user may see, newest first. */
export async function listExports(signal?: AbortSignal): Promise<ExportInfo[]> {
  return (await apiRequest<{ exports: ExportInfo[] }>('GET', '/api/exports', { signal })).exports;
}

/** The verifier's report on an uploaded package. */
export interface VerifyResult {
  ok: boolean;
  problems: { file: string; frame?: number; kind: ProblemKind; message: string }[];
  /** The checks that held, in English; `checks` has them structured, in the same order. */
  passed: string[];
  checks: VerifyCheck[];
  fingerprint: string | null;
  sizeBytes: number;
  export: {
    id: string;
    createdAt: string;
    caseReference: string;
    reason: string;
    recipient: string;
    exporter: { displayName: string; username: string; agencyName: string };
    cameras: { id: string; name: string; from: string; to: string; frames: number }[];
  } | null;
}

/** Uploads a package to be verified against this installation's key. */
export function verifyUpload(file: Blob): Promise<VerifyResult> {
  return apiRequest<VerifyResult>('POST', '/uploads/verify-package', {
    raw: { data: file, contentType: 'application/zip' },
  });
}
