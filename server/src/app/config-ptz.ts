/**
 * The `ptz` section of the configuration: how long a PTZ control session lasts without
 * commands, the priorities of agencies and roles (first matching rule wins), and after how many
 * minutes without control a camera goes back to its home position (design/ptz.md).
 */
import { z } from 'zod';

const priority = z.number().int().min(0).max(1000);
const minutes = z.number().int().min(1).max(1440);

/** One priority rule: who it matches (all of the named), and their priority. */
const priorityRuleSchema = z.strictObject({
  agency: z.string().min(1).max(64).optional(),
  /** `owner` or `partner`: any agency of that kind. */
  agencyKind: z.enum(['owner', 'partner']).optional(),
  role: z.string().min(1).max(64).optional(),
  priority,
});

/** `ptz`: control sessions, priorities, home return. */
export const ptzConfigSchema = z.strictObject({
  /** A control session without commands for this long ends, seconds. */
  sessionSeconds: z.number().int().min(5).max(3600).default(30),
  priorities: z.array(priorityRuleSchema).max(100).default([]),
  defaultPriority: priority.default(10),
  homeReturnMinutes: z
    .strictObject({
      /** For every PTZ camera; null: they stay where they were left. */
      default: minutes.nullable().default(null),
      /** Per camera id; null: never for that camera. */
      cameras: z.record(z.string(), minutes.nullable()).default({}),
    })
    .prefault({}),
});

/** The PTZ settings, as parsed. */
export type PtzSettings = z.infer<typeof ptzConfigSchema>;
