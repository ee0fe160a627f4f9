/**
 * The shape of the configuration file, its defaults and its rules. `config/vedetta.example.yaml`
 * documents every key declared here; a test loads it so the two cannot drift apart. Unknown keys
 * are errors. A module that needs its own settings adds one section below.
 */
import { isAbsolute, join } from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { secretRefProblem } from './secrets.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time-zone.ts';
import { mapConfigSchema } from './config-map.ts';
import { onvifConfigSchema } from './config-onvif.ts';
import { ptzConfigSchema } from './config-ptz.ts';
import { restreamConfigSchema } from './config-restream.ts';

const absolutePath = z
  .string()
  .refine((p) => isAbsolute(p), { message: 'must be an absolute path' });

const port = z.number().int().min(0).max(65535);

const siteSchema = z.strictObject({
  /** IANA time zone of the installation: local times, "today" and "this hour" (e.g. Europe/Rome). */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Rome' })
    .default(DEFAULT_TIME_ZONE),
});

const storageSchema = z.strictObject({
  /** Where recordings and the embedded database live. */
  path: absolutePath,
});

const secretsSchema = z.strictObject({
  /**
   * The only folder `file:` secret references stored in the database (a camera's
   * `credentialsRef`) may point into, symbolic links followed; null: `<storage.path>/secrets`.
   * References in this file (e.g. `database.url`) are the administrator's and may name any path.
   */
  directory: absolutePath.nullable().default(null),
});

const databaseSchema = z
  .strictObject({
    kind: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** SQLite file; defaults to `<storage.path>/vedetta.sqlite`. */
    path: absolutePath.optional(),
    /** PostgreSQL connection URL, or a secret reference (`env:NAME`, `file:/path`) to one. */
    url: z.string().optional(),
  })
  .superRefine((db, ctx) => {
    if (db.kind === 'postgres') {
      if (db.url === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['url'],
          message: 'is required when kind is postgres',
        });
      } else if (!db.url.startsWith('env:') && !db.url.startsWith('file:')) {
        if (!/^postgres(ql)?:\/\//.test(db.url)) {
          ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be a postgres:// URL' });
        } else if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(db.url)) {
          ctx.addIssue({
            code: 'custom',
            path: ['url'],
            message: 'must not contain a password; use env:NAME or file:/path for the whole URL',
          });
        }
      } else {
        const problem = secretRefProblem(db.url);
        if (problem !== undefined)
          ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
      }
    } else {
      if (db.url !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['url'],
          message: 'is only valid when kind is postgres',
        });
      }
    }
    if (db.kind === 'postgres' && db.path !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: 'is only valid when kind is sqlite',
      });
    }
  });

const tlsSchema = z.strictObject({
  certFile: absolutePath,
  keyFile: absolutePath,
});

/** An IP address or CIDR block (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** `scheme://host[:port]` and nothing else, as a browser sends it in `Origin`. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(8080),
  tls: tlsSchema.nullable().default(null),
  /** Mark cookies Secure even without `tls`, for a TLS-terminating reverse proxy in front. */
  behindTlsProxy: z.boolean().default(false),
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy: z.boolean().default(false),
  /** Proxies (addresses, CIDR blocks) whose X-Forwarded-For entries are skipped from the right. */
  trustedProxies: z
    .array(
      z.string().refine(isAddressOrCidr, {
        error: (issue) =>
          `must be an IP address or a CIDR block such as 10.0.0.0/8, not ${JSON.stringify(issue.input)}`,
      }),
    )
    .default(['127.0.0.1', '::1']),
  /** Origins besides the site's own that may send state-changing requests and open WebSockets. */
  allowedOrigins: z
    .array(
      z.string().refine(isOrigin, {
        error: (issue) =>
          'must be an origin such as https://vedetta.example.org (lower case, no path, no ' +
          `trailing slash, no default port), not ${JSON.stringify(issue.input)}`,
      }),
    )
    .default([]),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
});

const sessionSchema = z.strictObject({
  idleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  absoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
});

const failedLoginSchema = z
  .strictObject({
    delayMinMs: z.number().int().min(0).max(10_000).default(400),
    delayMaxMs: z.number().int().min(0).max(10_000).default(1200),
    /** Failures older than this no longer count, for the waits and for the alarm. */
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Failures of one username from one address answered without a wait before the next. */
    freePerAccountAndAddress: z.number().int().min(1).max(1000).default(5),
    /** Failures from one address, whatever the usernames, answered without a wait. */
    freePerAddress: z.number().int().min(1).max(10_000).default(20),
    /** The first wait; each further failure doubles it, up to `maxWaitMinutes`. */
    firstWaitSeconds: z.number().int().min(1).max(3600).default(2),
    maxWaitMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Failures for one account within the window, from any addresses, that raise the alarm. */
    alarmFailures: z.number().int().min(1).max(100_000).default(10),
    /** Replaced by growing waits per username and address (an account is never locked). */
    maxPerAccount: z
      .never({
        error: 'replaced by auth.failedLogin.freePerAccountAndAddress (1 to 1000, default 5)',
      })
      .optional(),
    /** Replaced by growing waits per address. */
    maxPerAddress: z
      .never({ error: 'replaced by auth.failedLogin.freePerAddress (1 to 10000, default 20)' })
      .optional(),
  })
  .refine((f) => f.delayMaxMs >= f.delayMinMs, {
    path: ['delayMaxMs'],
    message: 'must be at least delayMinMs',
  })
  .refine((f) => f.maxWaitMinutes * 60 >= f.firstWaitSeconds, {
    path: ['maxWaitMinutes'],
    message: 'must be at least firstWaitSeconds',
  });

/**
 * Who must sign in with a second factor (TOTP): accounts of these roles, or holding any of these
 * permissions. Off unless set; the example configuration sets the recommended values.
 */
const secondFactorSchema = z.strictObject({
  requiredRoles: z.array(z.string().min(1).max(100)).max(100).default([]),
  requiredPermissions: z.array(z.string().min(1).max(100)).max(100).default([]),
});

const authSchema = z.strictObject({
  session: sessionSchema.prefault({}),
  failedLogin: failedLoginSchema.prefault({}),
  secondFactor: secondFactorSchema.prefault({}),
});

const logSchema = z.strictObject({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const webSchema = z.strictObject({
  /** The built web application; defaults to `web/dist` of this checkout. */
  distPath: absolutePath.nullable().default(null),
});

/** Syslog facilities the audit trail may be sent with (RFC 5424; `audit` is code 13). */
const SYSLOG_FACILITY_NAMES = [
  'kern',
  'user',
  'daemon',
  'auth',
  'syslog',
  'authpriv',
  'audit',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

const auditSyslogSchema = z
  .strictObject({
    /** The collector's host name or IP address. */
    host: z
      .string()
      .regex(/^[A-Za-z0-9.:_-]{1,253}$/, { message: 'must be a host name or an IP address' }),
    /** Its port (the usual ones: 6514 for TLS, 514 for TCP). */
    port: port.refine((p) => p > 0, { message: 'must be 1 to 65535' }),
    /** `tls` (RFC 5425, recommended) or plain `tcp`; both with octet-counting framing (RFC 6587). */
    transport: z.enum(['tcp', 'tls']).default('tls'),
    /** PEM file of the authorities that sign the collector's certificate; null: the system's. */
    caFile: absolutePath.nullable().default(null),
    /** APP-NAME of the records. */
    appName: z
      .string()
      .regex(/^[\x21-\x7e]{1,48}$/, { message: 'must be 1 to 48 printable ASCII characters' })
      .default('vedetta'),
    /** Syslog facility of the records. */
    facility: z.enum(SYSLOG_FACILITY_NAMES).default('local0'),
    /** Also send every audit entry as it is written (logins, views, exports …), not only checkpoints. */
    forwardEntries: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.transport === 'tcp' && s.caFile !== null) {
      ctx.addIssue({ code: 'custom', path: ['caFile'], message: 'only with transport: tls' });
    }
  });

const auditSchema = z.strictObject({
  /** Days audit entries are kept (its own setting, apart from video); archived, never silently deleted. */
  retentionDays: z
    .number()
    .int()
    .min(180)
    .max(20 * 365)
    .default(730),
  /** Seal the chain with a signed checkpoint at least every this many entries. */
  checkpointEveryEntries: z.number().int().min(1).max(1_000_000).default(1000),
  /** ... and every this many seconds when entries were added: at most this much is unsealed. */
  checkpointEverySeconds: z.number().int().min(1).max(60).default(60),
  /** Replaced by checkpointEverySeconds (a witnessed checkpoint at least every minute). */
  checkpointEveryMinutes: z
    .never({ error: 'replaced by audit.checkpointEverySeconds (1 to 60, default 60)' })
    .optional(),
  /** The city's syslog collector that receives every checkpoint (and entries if asked); null: none. */
  syslog: auditSyslogSchema.nullable().default(null),
});

const recordingSchema = z.strictObject({
  /** Target length of a segment file, seconds; it closes at the first key frame after this. */
  segmentSeconds: z.number().int().min(10).max(600).default(60),
  /** Target length of a fragment, ms (also cut at every key frame): what a crash may lose. */
  fragmentMs: z.number().int().min(200).max(5000).default(1000),
  /** How often a growing segment's index row is updated and its file fsync'ed, seconds. */
  indexUpdateSeconds: z.number().int().min(1).max(60).default(10),
  /** Per camera stream: MiB that may wait for the disk before a 'disk' gap is recorded. */
  maxQueuedMiB: z.number().int().min(1).max(1024).default(16),
  /** Pause after a disk error before trying to write again, seconds. */
  diskRetrySeconds: z.number().int().min(1).max(600).default(10),
  /**
   * A stream nobody watches live is read at most this often, ms (batched reads, see
   * server/src/ingest/README.md); 0 reads every stream as data arrives.
   */
  readBatchMs: z.number().int().min(0).max(1000).default(250),
});

const metricsSchema = z.strictObject({
  /** Secret reference to a bearer token that also admits non-loopback scrapers; null: loopback only. */
  token: z
    .string()
    .nullable()
    .default(null)
    .superRefine((v, ctx) => {
      const problem = v === null ? undefined : secretRefProblem(v);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

const retentionDiskSchema = z
  .strictObject({
    /** How often the free space of the recording volume is measured, seconds. */
    checkEverySeconds: z.number().int().min(5).max(3600).default(30),
    /** Below this much free space (% of the volume), the oldest non-held recordings are deleted. */
    lowWaterPercent: z.number().min(0.1).max(50).default(5),
    /** ... until this much is free again. */
    targetFreePercent: z.number().min(0.1).max(60).default(8),
    /** Below this, with only held recordings left, recording stops (with an alarm). */
    stopRecordingPercent: z.number().min(0).max(50).default(1),
    /** Treat `storage.path` as a volume of this many GiB (a quota on a shared volume); null: the file system. */
    quotaGiB: z.number().positive().nullable().default(null),
    /**
     * Size of the space reserve (`<storage.path>/.reserve`), MiB, at most 2 % of the volume: a
     * file released when the volume is full so the database can record the deletions that free
     * it. 0: none. Not used with `quotaGiB`.
     */
    reserveMiB: z.number().int().min(0).max(1024).default(16),
  })
  .superRefine((d, ctx) => {
    if (d.targetFreePercent <= d.lowWaterPercent) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetFreePercent'],
        message: 'must be above lowWaterPercent',
      });
    }
    if (d.stopRecordingPercent >= d.lowWaterPercent) {
      ctx.addIssue({
        code: 'custom',
        path: ['stopRecordingPercent'],
        message: 'must be below lowWaterPercent',
      });
    }
  });

const retentionSchema = z.strictObject({
  /** How often expired recordings are deleted, minutes. */
  sweepEveryMinutes: z.number().int().min(1).max(1440).default(10),
  /** Retention of a new camera that names none, days, per purpose (at most 3: no justification). */
  defaultDays: z
    .strictObject({
      urban_security: z.number().int().min(1).max(3).default(3),
      traffic: z.number().int().min(1).max(3).default(2),
      waste: z.number().int().min(1).max(3).default(2),
    })
    .prefault({}),
  /** Days kept for recordings of a camera removed from the registry. */
  unregisteredCameraDays: z.number().int().min(1).max(7).default(3),
  /** Days an export's package (zip) stays on the server for download after it was made. */
  exportPackageDays: z.number().int().min(1).max(3650).default(30),
  disk: retentionDiskSchema.prefault({}),
});

const contactSchema = z.strictObject({
  name: z.string().max(200).default(''),
  address: z.string().max(300).default(''),
  email: z.string().max(200).default(''),
  phone: z.string().max(50).default(''),
  /** Certified e-mail (PEC). */
  pec: z.string().max(200).default(''),
});

const privacySchema = z.strictObject({
  /** A lift of privacy masks lapses after this many minutes. */
  maskLiftMinutes: z.number().int().min(1).max(240).default(30),
  /** The data controller (titolare), shown in the public privacy notice. */
  controller: contactSchema.prefault({ name: 'Comune' }),
  /** The data protection officer (RPD/DPO). */
  dpo: contactSchema.prefault({}),
  /** Date of the notice's last revision, YYYY-MM-DD, or null. */
  noticeUpdatedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .nullable()
    .default(null),
  /** Map of the public page: a tile URL template (`https://.../{z}/{x}/{y}.png`), or null for a plain background. */
  map: z
    .strictObject({
      tileUrl: z
        .string()
        .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL with {z}, {x} and {y}')
        .nullable()
        .default(null),
      attribution: z.string().max(300).default(''),
    })
    .prefault({}),
});

const liveWebRtcSchema = z
  .strictObject({
    /** Local address ICE binds and offers as its host candidate; null: every interface. */
    bindAddress: z.string().min(1).nullable().default(null),
    /** UDP port range for ICE (both or neither); null: any port. */
    portRangeBegin: port.min(1).nullable().default(null),
    portRangeEnd: port.min(1).nullable().default(null),
    /** STUN/TURN servers, e.g. `stun:stun.example.org:3478`; none on a closed network. */
    iceServers: z.array(z.string().min(1)).default([]),
  })
  .superRefine((w, ctx) => {
    if ((w.portRangeBegin === null) !== (w.portRangeEnd === null)) {
      ctx.addIssue({ code: 'custom', path: ['portRangeEnd'], message: 'set both ends or neither' });
    } else if (
      w.portRangeBegin !== null &&
      w.portRangeEnd !== null &&
      w.portRangeEnd < w.portRangeBegin
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['portRangeEnd'],
        message: 'must be >= portRangeBegin',
      });
    }
  });

const liveSchema = z.strictObject({
  /** Lifetime of a (single-use) stream token, seconds. */
  tokenSeconds: z.number().int().min(5).max(300).default(30),
  /** Running streams' sessions and permissions are asked again this often, seconds. */
  recheckSeconds: z.number().int().min(1).max(60).default(5),
  /** An MSE viewer with more unsent data than this skips to the next key frame, KiB. */
  mseMaxBufferedKiB: z.number().int().min(64).max(65_536).default(1024),
  webrtc: liveWebRtcSchema.prefault({}),
});

/** The sections of the file, as written. */
const fileSchema = z.strictObject({
  site: siteSchema.prefault({}),
  storage: storageSchema,
  secrets: secretsSchema.prefault({}),
  database: databaseSchema.prefault({}),
  server: serverSchema.prefault({}),
  auth: authSchema.prefault({}),
  log: logSchema.prefault({}),
  web: webSchema.prefault({}),
  audit: auditSchema.prefault({}),
  recording: recordingSchema.prefault({}),
  metrics: metricsSchema.prefault({}),
  retention: retentionSchema.prefault({}),
  privacy: privacySchema.prefault({}),
  live: liveSchema.prefault({}),
  /** The operations room's map: basemap, first view, image overlays (`config-map.ts`). */
  map: mapConfigSchema.prefault({}),
  /** ONVIF discovery, probing and camera clock checks (`config-onvif.ts`). */
  onvif: onvifConfigSchema.prefault({}),
  /** PTZ control sessions, priorities and home return (`config-ptz.ts`). */
  ptz: ptzConfigSchema.prefault({}),
  /** The RTSP re-stream for partner agencies' video systems (`config-restream.ts`). */
  restream: restreamConfigSchema.prefault({}),
});

/** The schema of the whole file, with the defaults that depend on another key filled in. */
export const configSchema = fileSchema.transform((c) => ({
  ...c,
  secrets: { directory: c.secrets.directory ?? join(c.storage.path, 'secrets') },
}));

/** A validated configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
/** The session settings (`auth.session`). */
export type SessionConfig = Config['auth']['session'];
/** The failed-login settings (`auth.failedLogin`). */
export type FailedLoginConfig = Config['auth']['failedLogin'];
/** Who must sign in with a second factor (`auth.secondFactor`). */
export type SecondFactorConfig = Config['auth']['secondFactor'];
