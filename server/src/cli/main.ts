/** Entry point of the `vedetta` command (run through tsx by `server/bin/vedetta.mjs`). */
import { processIo } from './io.ts';
import { runCli } from './run.ts';

const status = await runCli(process.argv.slice(2), processIo);
process.exit(status);
