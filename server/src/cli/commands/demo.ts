/** `vedetta demo`: starts the simulated city, prints where and how to log in, serves until stopped. */
import { intFlag, parseCommand } from '../args.ts';
import { startDemo } from '../demo/start-demo.ts';
import type { CliIo } from '../io.ts';

/** Runs `vedetta demo [--data DIR] [--port N] [--host H] [--cameras K]`. */
export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(
    'demo',
    args,
    {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      cameras: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  const port = intFlag('demo', 'port', values.port, 65535);
  const cameras = intFlag('demo', 'cameras', values.cameras, 10_000);
  const stop = io.stopSignal();
  const demo = await startDemo({
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(cameras !== undefined ? { cameras } : {}),
  });
  io.out('Vedetta demo ready');
  io.out(`  web:      ${demo.url}`);
  io.out(`  user:     ${demo.username}`);
  io.out(`  password: ${demo.password}`);
  if (demo.restream !== null) {
    const r = demo.restream;
    const tls = r.tlsUrl === null ? '' : ` and ${r.tlsUrl}<camera>/<main|sub>`;
    io.out(`  rtsp:     ${r.url}<camera>/<main|sub>${tls}`);
    io.out(
      `            user ${r.username}, password ${r.password} (Carabinieri: cam-001..cam-004)`,
    );
  }
  if (demo.onvif !== undefined) {
    io.out(`  onvif:    http://127.0.0.1:${demo.onvif.port}/onvif/<camera>/device_service`);
  }
  io.err(`vedetta: demo data in ${demo.dataDir}; press Ctrl+C to stop`);
  await stop;
  await demo.close();
  return 0;
}
