/**
 * The alarm API's JSON shapes (zod, documented in OpenAPI). Times are UTC ms in bodies.
 */
import { z } from '@hono/zod-openapi';

/** Alarm kinds Vedetta raises; the interface's title key (`alarms.kind.<kind>`). */
export const ALARM_KINDS = [
  'camera_offline',
  'recording_gap',
  'disk_pressure',
  'login_guessing',
  'retention_failed',
  'operator_report',
  'camera_clock_drift',
  'camera_motion',
  'camera_tamper',
  'camera_input',
  'other',
] as const;

/** One alarm kind. */
export type AlarmKind = (typeof ALARM_KINDS)[number];

const priority = z.enum(['high', 'medium', 'low']);
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** `POST /api/alarms`: an operator's report (segnalazione) on a camera at a moment. */
export const alarmReportSchema = z
  .strictObject({
    cameraId: z.string().min(1, 'must not be empty').max(64),
    /** The moment the report is about, UTC ms (not in the future). */
    atMs: z.number().int().min(0),
    note: text(2000),
    priority: priority.optional(),
  })
  .openapi('AlarmReport');

/** What a report request holds. */
export type AlarmReport = z.infer<typeof alarmReportSchema>;

/** `POST /api/alarms/{id}/assign`: a user of the caller's agency, or null for nobody. */
export const alarmAssignSchema = z
  .strictObject({ userId: z.string().min(1).max(64).nullable() })
  .openapi('AlarmAssign');

/** `POST /api/alarms/{id}/comments`. */
export const alarmCommentSchema = z.strictObject({ text: text(2000) }).openapi('AlarmCommentNew');

/** `POST /api/alarms/{id}/close`: an optional closing note (kept as a comment). */
export const alarmCloseSchema = z
  .strictObject({ note: text(2000).optional() })
  .openapi('AlarmClose');

/** A comment as the API returns it. */
export const alarmCommentViewSchema = z
  .object({
    id: z.string(),
    authorName: z.string(),
    atMs: z.number().int(),
    text: z.string(),
  })
  .openapi('AlarmComment');

/** An alarm as the API returns it. */
export const alarmSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    priority,
    source: z.enum(['system', 'operator', 'camera']),
    state: z.enum(['new', 'acknowledged', 'closed']),
    cameraIds: z.array(z.string()),
    /** The system's message in words, or the operator's note. */
    message: z.string(),
    /** The message's parameters, for the interface to word it in the reader's language. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    /** The moment it is about (replay from here), UTC ms. */
    eventMs: z.number().int(),
    raisedMs: z.number().int(),
    raisedBy: z.string().nullable(),
    /** Times the system raised it while it stayed open. */
    occurrences: z.number().int(),
    /** When the system's condition ended; null while it holds (or for an operator's report). */
    clearedMs: z.number().int().nullable(),
    acknowledgedMs: z.number().int().nullable(),
    acknowledgedBy: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    closedMs: z.number().int().nullable(),
    closedBy: z.string().nullable(),
    updatedMs: z.number().int(),
    commentCount: z.number().int(),
    /** Whether the caller may acknowledge, assign, comment and close it. */
    handleable: z.boolean(),
  })
  .openapi('Alarm');

/** An alarm as the API returns it. */
export type AlarmView = z.infer<typeof alarmSchema>;

/** One alarm with its comments (`GET /api/alarms/{id}`). */
export const alarmDetailSchema = alarmSchema
  .extend({ comments: z.array(alarmCommentViewSchema) })
  .openapi('AlarmDetail');

/** One alarm with its comments. */
export type AlarmDetail = z.infer<typeof alarmDetailSchema>;

/** Someone an alarm may be assigned to (`GET /api/alarms/assignees`). */
export const assigneeSchema = z
  .object({ id: z.string(), username: z.string(), displayName: z.string() })
  .openapi('AlarmAssignee');
