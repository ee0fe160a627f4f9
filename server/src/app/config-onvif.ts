/**
 * The `onvif` section of the configuration: where WS-Discovery probes go and for how long answers
 * are collected, the default credentials tried on discovered devices, the limits of one ONVIF
 * exchange, and the periodic check of ONVIF cameras' clocks (design/onvif.md, "Clock").
 */
import { z } from 'zod';
import { secretRefProblem } from './secrets.ts';

const target = z.string().superRefine((t, ctx) => {
  const m = /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(t);
  if (m === null) {
    ctx.addIssue({ code: 'custom', message: 'must be host:port, e.g. 239.255.255.250:3702' });
  } else if (!(Number(m[2]) > 0 && Number(m[2]) < 65536)) {
    ctx.addIssue({ code: 'custom', message: 'must have a port in 1..65535' });
  }
});

const secretRef = z.string().superRefine((value, ctx) => {
  const problem = secretRefProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** `onvif`: discovery, probing and clock checks of ONVIF cameras. */
export const onvifConfigSchema = z.strictObject({
  discovery: z
    .strictObject({
      /** Where Probes are sent: the WS-Discovery multicast group, or single devices. */
      targets: z
        .array(target)
        .min(1, 'must name at least one host:port')
        .max(256)
        .default(['239.255.255.250:3702']),
      /** How long answers are collected, ms. */
      durationMs: z.number().int().min(100).max(30_000).default(3_000),
      /**
       * Credentials (`env:NAME` or `file:/path` holding `username:password`) tried on each
       * discovered device to read its identity; null: only the unauthenticated scopes.
       */
      defaultCredentialsRef: secretRef.nullable().default(null),
    })
    .prefault({}),
  /** The longest one ONVIF request may take, ms. */
  requestTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /** Seconds of difference between a camera's clock and the server's that raise an alarm. */
  clockDriftAlarmSeconds: z.number().int().min(1).max(86_400).default(5),
  /** How often ONVIF cameras' clocks are checked, seconds; 0 turns the check off. */
  clockCheckIntervalSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .refine((s) => s === 0 || s >= 10, 'must be 0 (off) or at least 10')
    .default(300),
  /** ONVIF events of the cameras (pull points) turned into alarms (design/onvif.md, "Events"). */
  events: z
    .strictObject({
      /** Subscribe to the events of each enabled ONVIF camera. */
      enabled: z.boolean().default(true),
      /** Which events raise an alarm: `motion`, `tamper`, `digital-input`. */
      alarms: z
        .array(z.enum(['motion', 'tamper', 'digital-input']))
        .max(3)
        .default(['motion', 'tamper', 'digital-input']),
    })
    .prefault({}),
});

/** The `onvif` section as the application reads it. */
export type OnvifConfig = z.output<typeof onvifConfigSchema>;
