/**
 * `vedetta sim`: runs the camera simulator until interrupted.
 *
 *   vedetta sim --cameras 30 --port 8554 [--codec h264|h265] [--width 1920 --height 1080]
 *               [--fps 25] [--gop 2] [--bitrate 2000] [--host 127.0.0.1]
 *               [--user admin --password-stdin] [--auth digest|basic]
 *               [--control-port 8555] [--cache-dir DIR]
 *               [--onvif [--onvif-port 8000] [--onvif-discovery-port 3702] [--ptz-every 5]]
 */
import { parseArgs } from 'node:util';
import { invalidArgument, createLogger } from '../app/index.ts';
import type { VideoCodec } from '../media/index.ts';
import { numberedCameras } from './camera-config.ts';
import { startControlServer } from './control-http.ts';
import { ONVIF_CLI_OPTIONS, ONVIF_USAGE, startOnvifFromCli } from './onvif/onvif-cli.ts';
import type { SimAuthConfig } from './rtsp-auth.ts';
import { startSimulator } from './simulator.ts';

/** Usage text of `vedetta sim`. */
export const SIM_USAGE = `usage: vedetta sim --cameras N [--port 8554] [--codec h264|h265]
       [--width 1920 --height 1080] [--fps 25] [--gop 2] [--bitrate KBPS] [--host ADDR]
       [--user NAME --password-stdin] [--auth digest|basic] [--control-port PORT] [--cache-dir DIR]
${ONVIF_USAGE}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw invalidArgument(`--${name} must be a whole number, got ${value}`);
  return n;
}

/** Parses `argv` (after `sim`), starts the simulator and runs until SIGINT or SIGTERM. */
export async function runSimCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cameras: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      codec: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      fps: { type: 'string' },
      gop: { type: 'string' },
      bitrate: { type: 'string' },
      user: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      auth: { type: 'string' },
      'control-port': { type: 'string' },
      'cache-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...ONVIF_CLI_OPTIONS,
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(SIM_USAGE);
    return;
  }
  const codec = (values.codec ?? 'h264') as VideoCodec;
  if (codec !== 'h264' && codec !== 'h265') throw invalidArgument(`--codec must be h264 or h265`);
  const cameras = numberedCameras(int('cameras', values.cameras, 1), {
    codec,
    width: int('width', values.width, 1920),
    height: int('height', values.height, 1080),
    fps: int('fps', values.fps, 25),
    gopSeconds: values.gop === undefined ? undefined : Number(values.gop),
    bitrateKbps: values.bitrate === undefined ? undefined : int('bitrate', values.bitrate, 0),
  });
  let auth: SimAuthConfig | undefined;
  if (values.user !== undefined) {
    if (values['password-stdin'] !== true) throw invalidArgument('--user needs --password-stdin');
    const scheme = values.auth ?? 'digest';
    if (scheme !== 'digest' && scheme !== 'basic')
      throw invalidArgument('--auth must be digest or basic');
    auth = { username: values.user, password: await readStdin(), scheme };
  }
  const logger = createLogger();
  const host = values.host ?? '127.0.0.1';
  const sim = await startSimulator({
    host,
    port: int('port', values.port, 8554),
    cameras,
    auth,
    cacheDir: values['cache-dir'],
    logger,
  });
  const onvif = await startOnvifFromCli(sim, values, {
    host,
    auth: auth === undefined ? undefined : { username: auth.username, password: auth.password },
    logger,
    print: (line) => console.log(line),
  });
  const control =
    values['control-port'] === undefined
      ? undefined
      : await startControlServer(sim, {
          host,
          port: int('control-port', values['control-port'], 0),
          logger,
          onvif,
        });
  const first = sim.cameraIds[0] ?? '';
  logger.info(
    { port: sim.port, controlPort: control?.port, cameras: sim.cameraIds.length },
    `simulating ${sim.cameraIds.length} cameras: ${sim.url(first)} ... (sub-streams at /<id>/sub)`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const totals = sim.stats().totals;
  logger.info({ ...totals }, 'camera simulator stopping');
  await control?.close();
  await onvif?.close();
  await sim.close();
}
