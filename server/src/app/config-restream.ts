/**
 * The `restream` section of the configuration: the standard RTSP re-stream for partner agencies'
 * video management systems (design/restream.md) — whether it runs, where it listens (RTSP over
 * TCP and RTSPS over TLS), its Digest realm, and its limits.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

const absolutePath = z
  .string()
  .refine((p) => isAbsolute(p), { message: 'must be an absolute path' });
const port = z.number().int().min(0).max(65535);

/** `restream`: the RTSP server inside Vedetta. */
export const restreamConfigSchema = z
  .strictObject({
    /** Serve the re-stream at all (off by default; on in `vedetta demo`). */
    enabled: z.boolean().default(false),
    /** Address to listen on (both ports). */
    host: z.string().min(1).default('127.0.0.1'),
    /** RTSP over TCP; null: none (RTSPS only). */
    port: port.nullable().default(8554),
    /** RTSPS (RTSP over TLS); null: none. Needs `certFile` and `keyFile`. */
    tlsPort: port.nullable().default(null),
    /** PEM certificate chain and private key of RTSPS. */
    certFile: absolutePath.nullable().default(null),
    keyFile: absolutePath.nullable().default(null),
    /**
     * The Digest realm. Service accounts are stored as HA1 for the realm of the day they were
     * made: changing it makes every existing account unusable until it is made again.
     */
    realm: z
      .string()
      .regex(/^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/, {
        message: 'must be 1 to 100 printable ASCII characters without " or \\',
      })
      .default('Vedetta'),
    /** A session without requests or RTCP from the client for this long ends, seconds. */
    sessionTimeoutSeconds: z.number().int().min(10).max(600).default(60),
    /** Playing sessions' accounts, agreements and masks are asked again this often, seconds. */
    recheckSeconds: z.number().int().min(1).max(2).default(2),
    /** Client connections at once; more are refused. */
    maxConnections: z.number().int().min(1).max(10_000).default(100),
    /** A client with more unsent video than this skips to the next key frame, KiB. */
    skipBufferedKiB: z.number().int().min(64).max(65_536).default(2048),
    /** A client with more unsent video than this is disconnected, KiB. */
    closeBufferedKiB: z.number().int().min(128).max(262_144).default(8192),
  })
  .superRefine((r, ctx) => {
    if (r.tlsPort !== null && (r.certFile === null || r.keyFile === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [r.certFile === null ? 'certFile' : 'keyFile'],
        message: 'is required when tlsPort is set',
      });
    }
    if (r.enabled && r.port === null && r.tlsPort === null) {
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'port or tlsPort is needed' });
    }
    if (r.closeBufferedKiB <= r.skipBufferedKiB) {
      ctx.addIssue({
        code: 'custom',
        path: ['closeBufferedKiB'],
        message: 'must be more than skipBufferedKiB',
      });
    }
  });

/** The re-stream settings, as parsed. */
export type RestreamSettings = z.output<typeof restreamConfigSchema>;
