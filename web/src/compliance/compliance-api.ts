/** The compliance report as the server sends it (`GET /api/compliance/report`). */
import { apiRequest } from '../api/index.ts';

/** A deletion run. */
export interface ReportRun {
  id: number;
  kind: 'retention' | 'disk_pressure';
  state: 'running' | 'ok' | 'failed' | 'interrupted';
  startedMs: number;
  finishedMs: number | null;
  segmentsDeleted: number;
  bytesDeleted: number;
  segmentsHeld: number;
  cameras: Record<string, { segments: number; bytes: number; fromMs: number; toMs: number }>;
  error: string | null;
}

/** A legal hold in force. */
export interface ReportHold {
  id: string;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  authority: string;
  reference: string;
  description: string;
  expiresMs: number | null;
  placed: { atMs: number; username: string; agencyId: string };
}

/** The report. */
export interface ComplianceReport {
  generatedMs: number;
  runsSinceMs: number;
  cameraCount: number;
  camerasWithoutSignage: {
    cameraId: string;
    name: string;
    location: { address: string; district: string };
    signage: { status: 'placed' | 'planned' | 'missing' };
  }[];
  registerIncomplete: { cameraId: string; name: string; missing: string[] }[];
  retentionExceptions: {
    cameraId: string;
    name: string;
    purpose: string;
    retentionDays: number;
    retentionJustification: string | null;
  }[];
  activeHolds: ReportHold[];
  deletionRuns: ReportRun[];
  deletionTotals: { runs: number; failed: number; segments: number; bytes: number };
  agreementsInForce: {
    id: string;
    title: string;
    granteeName: string;
    legalInstrument: string;
    legalInstrumentDate: string;
    validFromMs: number;
    validUntilMs: number | null;
    permissions: string[];
    cameraIds: string[];
    groupIds: string[];
  }[];
  /** Cameras allowed to send Basic credentials over plain rtsp:// (password in clear). */
  basicOverPlainRtsp: {
    cameraId: string;
    name: string;
    location: { address: string; district: string };
  }[];
}

/** Loads the report. */
export const getComplianceReport = (signal?: AbortSignal) =>
  apiRequest<ComplianceReport>('GET', '/api/compliance/report', { signal });

/** A byte count in words (KB, MB, GB; decimal units). */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toLocaleString(lang, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
}
