/**
 * A real rsyslog daemon for tests: started with its own configuration in a temp folder, in the
 * foreground (`rsyslogd -n -f conf -i pidfile`), listening with imtcp on a free loopback port —
 * plain TCP, or TLS through the gtls netstream driver with a throwaway certificate made by
 * openssl — and writing what it receives, as RFC 5424 lines, to a file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RSYSLOGD = '/usr/sbin/rsyslogd';

/** A running rsyslogd. */
export interface Rsyslog {
  readonly port: number;
  /** The file received records are written to. */
  readonly received: string;
  /** With TLS: the certificate the daemon presents (self-signed; also the CA to trust). */
  readonly certFile?: string;
  /** Resolves with the received text once `predicate` holds for it. */
  waitFor(predicate: (text: string) => boolean): Promise<string>;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (bound to port 0, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect({ host: '127.0.0.1', port });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

function makeCert(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  return { cert, key };
}

/** Starts rsyslogd; `tls` makes it accept only TLS (gtls driver, anonymous client auth). */
export async function startRsyslog(opts: { tls?: boolean; port?: number } = {}): Promise<Rsyslog> {
  if (!existsSync(RSYSLOGD)) {
    throw new Error(`${RSYSLOGD} missing: run scripts/ensure-test-deps.sh (Debian: rsyslog)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-rsyslog-'));
  const port = opts.port ?? (await freePort());
  const received = join(dir, 'received.log');
  const tls = opts.tls ? makeCert(dir) : undefined;
  const conf = [
    tls
      ? `global(workDirectory="${dir}" defaultNetstreamDriverCAFile="${tls.cert}" ` +
        `defaultNetstreamDriverCertFile="${tls.cert}" defaultNetstreamDriverKeyFile="${tls.key}")`
      : `global(workDirectory="${dir}")`,
    tls
      ? 'module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")'
      : 'module(load="imtcp")',
    `input(type="imtcp" port="${port}" address="127.0.0.1")`,
    `action(type="omfile" file="${received}" template="RSYSLOG_SyslogProtocol23Format")`,
  ].join('\n');
  writeFileSync(join(dir, 'rsyslog.conf'), `${conf}\n`);
  const child: ChildProcess = spawn(
    RSYSLOGD,
    ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let up = false;
  for (let i = 0; i < 200 && !up && child.exitCode === null; i++) {
    up = await accepts(port);
    if (!up) await pause(50);
  }
  if (!up) {
    child.kill();
    throw new Error(`rsyslogd did not start listening on ${port}: ${output}`);
  }
  return {
    port,
    received,
    ...(tls ? { certFile: tls.cert } : {}),
    async waitFor(predicate) {
      for (;;) {
        const text = existsSync(received) ? readFileSync(received, 'utf8') : '';
        if (predicate(text)) return text;
        if (child.exitCode !== null) throw new Error(`rsyslogd exited: ${output}`);
        await pause(50);
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
