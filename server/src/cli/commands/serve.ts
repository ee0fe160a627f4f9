/** `vedetta serve --config FILE`: runs Vedetta until SIGINT or SIGTERM. */
import { loadConfig } from '../../app/index.ts';
import { parseCommand } from '../args.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';

/** Runs `vedetta serve --config FILE`. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(
    'serve',
    args,
    { config: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  if (values.config === undefined) throw new UsageError('serve: --config FILE is required');
  const config = loadConfig(values.config);
  const stop = io.stopSignal();
  const { startVedetta } = await import('../../compose/index.ts');
  const vedetta = await startVedetta({ config });
  io.err(`vedetta: serving ${vedetta.url}`);
  await stop;
  await vedetta.close();
  return 0;
}
