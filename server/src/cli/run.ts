/**
 * Dispatches a `vedetta` command line. Exit status: 0 success, 1 failure (the message names what
 * is wrong: a configuration key, a camera field), 2 malformed command line (with the usage).
 */
import { isAppError } from '../app/index.ts';
import type { CliIo } from './io.ts';
import { USAGE, UsageError } from './usage.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded on demand, so that a quick command does not load the whole server.
const COMMANDS: Record<string, () => Promise<Command>> = {
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  db: async () => (await import('./commands/db.ts')).dbCommand,
  user: async () => (await import('./commands/user.ts')).userCommand,
  agency: async () => (await import('./commands/agency.ts')).agencyCommand,
  camera: async () => (await import('./commands/camera.ts')).cameraCommand,
  restream: async () => (await import('./commands/restream.ts')).restreamCommand,
  audit: async () => (await import('./commands/audit-verify.ts')).auditCommand,
  keys: async () => (await import('./commands/export-keys.ts')).keysCommand,
  verify: async () => (await import('./commands/export-verify.ts')).verifyCommand,
  sim: async () => {
    const { runSimCommand } = await import('../sim/index.ts');
    return async (args) => {
      await runSimCommand(args);
      return 0;
    };
  },
};

/** Runs one command line and returns the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  try {
    const load = command === undefined ? undefined : COMMANDS[command];
    if (load === undefined) {
      throw new UsageError(
        command === undefined ? 'no command given' : `unknown command ${command}`,
      );
    }
    const run = await load();
    return await run(args, io);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`vedetta: ${command ?? ''}: ${(e as Error).message}`);
      io.err(USAGE);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`vedetta: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    if (isAppError(e)) {
      io.err(`vedetta: ${e.message}`);
      return 1;
    }
    io.err(`vedetta: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}
