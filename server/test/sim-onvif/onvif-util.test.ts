/**
 * Interoperability with Debian's onvif-tools (libonvif's `onvif-util`), a client Vedetta did not
 * write, against `vedetta sim --onvif` run as a command. onvif-util finds cameras only by
 * multicast WS-Discovery to 239.255.255.250:3702 with multicast loopback OFF, so it cannot see a
 * responder on the same host through a real interface; the test therefore runs the simulator and
 * onvif-util together in a private network namespace (`unshare -rn`) whose loopback carries
 * multicast. There it checks discovery (`-a`), device information, capabilities, profiles,
 * stream URIs, the camera clock, a wrong password (refused), and a camera clock three hours off
 * (onvif-util syncs to GetSystemDateAndTime first, so it still connects). onvif-util 1.4 has no
 * PTZ or event commands; those are covered with the `onvif` npm package (onvif-npm.test.ts). The
 * same namespace also runs that package's Discovery.probe, which is multicast-only as well.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(ROOT, 'server/bin/vedetta.mjs');

function available(): string | undefined {
  if (spawnSync('onvif-util', ['-h'], { encoding: 'utf8' }).error !== undefined) {
    return 'onvif-util is not installed (apt package onvif-tools; scripts/ensure-test-deps.sh installs it)';
  }
  const ns = spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (ns.status !== 0) return `cannot make a private network namespace: ${ns.stderr.trim()}`;
  return undefined;
}
const unavailable = available();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vedetta-onvif-util-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The shell script run inside the namespace; prints marked sections for the assertions. */
const SCRIPT = `
set -u
ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo
printf 'sim-pw' | node "$CLI" sim --cameras 2 --port 0 --width 320 --height 180 --gop 1 \\
  --onvif --onvif-port 0 --control-port 8555 --user admin --password-stdin \\
  --cache-dir "$TMP/cache" > "$TMP/sim.out" 2> "$TMP/sim.err" &
SIM=$!
for i in $(seq 1 600); do grep -q '^cam-002 http' "$TMP/sim.out" && break; sleep 0.2; done
echo '=== lines'; grep '^cam-' "$TMP/sim.out"
echo '=== discovery'; onvif-util -a
echo '=== npm discovery'
node -e "require('onvif').Discovery.probe({ timeout: 2000, resolve: false }, (err, found) => {
  for (const m of found) console.log(m.probeMatches.probeMatch.XAddrs);
})"
echo '=== session'
printf 'get capabilities\\nget profiles\\nget rtsp\\nget rtsp 1\\nget time\\nget video options 0\\nquit\\n' | onvif-util -u admin -p sim-pw 127.0.0.1
echo "=== rc $?"
echo '=== wrong password'
printf 'quit\\n' | onvif-util -u admin -p wrong 127.0.0.1
echo "=== rc $?"
curl -s -X POST 'http://127.0.0.1:8555/cameras/cam-001/clock-offset?seconds=10800' > /dev/null
curl -s -X POST 'http://127.0.0.1:8555/cameras/cam-002/clock-offset?seconds=10800' > /dev/null
echo '=== clock offset'
printf 'get time\\nquit\\n' | onvif-util -u admin -p sim-pw 127.0.0.1
echo "=== rc $?"
kill $SIM; wait $SIM
`;

function runInNamespace(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'unshare',
      ['-rn', 'sh', '-c', SCRIPT],
      { cwd: ROOT, env: { ...process.env, CLI, TMP: tmp }, timeout: 240_000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

function section(out: string, name: string): string {
  const start = out.indexOf(`=== ${name}\n`);
  if (start < 0) return '';
  const rest = out.slice(start + name.length + 5);
  const end = rest.indexOf('\n=== ');
  return end < 0 ? rest : rest.slice(0, end + 1);
}

describe.skipIf(unavailable !== undefined)(
  `onvif-util against vedetta sim --onvif ${unavailable ?? ''}`,
  () => {
    it('discovers the cameras and reads device information, profiles, stream URIs and the clock', async () => {
      const out = await runInNamespace();
      const lines = section(out, 'lines');
      expect(lines, out).toMatch(
        /^cam-001 http:\/\/127\.0\.0\.1:\d+\/onvif\/cam-001\/device_service$/m,
      );
      expect(lines, out).toMatch(
        /^cam-002 http:\/\/127\.0\.0\.1:\d+\/onvif\/cam-002\/device_service$/m,
      );

      const discovery = section(out, 'discovery');
      expect(discovery, out).toContain('Found 2 cameras');
      expect(discovery, out).toContain('127.0.0.1 (cam-001 VS-BULLET-1080)');
      expect(discovery, out).toContain('127.0.0.1 (cam-002 VS-BULLET-1080)');

      // The onvif npm package's Discovery.probe (multicast only) finds both too.
      const npm = section(out, 'npm discovery');
      expect(npm, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/onvif\/cam-001\/device_service$/m);
      expect(npm, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/onvif\/cam-002\/device_service$/m);

      const session = section(out, 'session');
      expect(session, out).toContain('successfully connected to host');
      const camera = /serial: VSIM-(cam-00[12])/.exec(session)?.[1];
      expect(camera).toBeDefined();
      expect(session, out).toMatch(/event_service: .*\/onvif\/cam-00[12]\/event_service/);
      expect(session, out).toContain('Token 0: main');
      expect(session, out).toContain('Token 1: sub');
      expect(session, out).toMatch(new RegExp(`rtsp://127\\.0\\.0\\.1:\\d+/${camera}\\n`));
      expect(session, out).toMatch(new RegExp(`rtsp://127\\.0\\.0\\.1:\\d+/${camera}/sub\\n`));
      expect(session, out).toContain('Time Offset: 0 seconds');
      expect(session, out).toMatch(/Available Resolutions\n {4}320 x 180\n/);
      expect(session, out).toContain('Max Frame Rate: 25');
      expect(out, out).toMatch(/=== session[\s\S]*?=== rc 0/);

      const wrong = section(out, 'wrong password');
      expect(wrong, out).toContain('ter:NotAuthorized');
      expect(out, out).toMatch(/=== wrong password[\s\S]*?=== rc 1/);

      const offset = section(out, 'clock offset');
      expect(offset, out).toContain('successfully connected to host');
      expect(offset, out).toMatch(/Time Offset: 108\d\d seconds/);
    }, 300_000);
  },
);
