/**
 * The ingest benchmark's camera simulator, in a process of its own so that its CPU is not the
 * recorder's: `count` 1080p H.264 cameras (no sub-streams, one shared clip), the RTSP server on a
 * free port and the HTTP control endpoint (`GET /stats`, faults) on another. Prints
 * `BENCH {"ports": {rtsp, control}, "ids": [...]}` when serving; stops on SIGTERM, when its
 * standard input closes (the benchmark is gone), or after `--max-seconds`.
 *
 *   node server/bin/run-ts.mjs server/bench/ingest-sim.ts --cameras 200 [--bitrate 2000]
 *        [--fps 25] [--gop 2] [--max-seconds 3600]
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../src/app/logger.ts';
import { numberedCameras } from '../src/sim/camera-config.ts';
import { startControlServer } from '../src/sim/control-http.ts';
import { startSimulator } from '../src/sim/simulator.ts';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '200' },
    bitrate: { type: 'string', default: '2000' },
    fps: { type: 'string', default: '25' },
    gop: { type: 'string', default: '2' },
    'max-seconds': { type: 'string', default: '3600' },
  },
});
const logger = createLogger({ level: 'warn' });
const cameras = numberedCameras(Number(values.cameras), {
  codec: 'h264',
  width: 1920,
  height: 1080,
  fps: Number(values.fps),
  gopSeconds: Number(values.gop),
  bitrateKbps: Number(values.bitrate),
  sub: false,
});
const sim = await startSimulator({ port: 0, cameras, labelPerCamera: false, logger });
const control = await startControlServer(sim, { port: 0, logger });
console.log(
  `BENCH ${JSON.stringify({ ports: { rtsp: sim.port, control: control.port }, ids: sim.cameraIds })}`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearTimeout(deadline);
  await control.close();
  await sim.close();
  process.exit(0);
}
const deadline = setTimeout(() => void stop(), Number(values['max-seconds']) * 1000);
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
