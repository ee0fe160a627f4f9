/**
 * The cli module's public entry: `runCli(argv, io)`, the `vedetta` command as a function (what
 * `main.ts` runs for the process, and what tests call). Nothing in server/src imports it: the
 * command is the top of the house.
 */
export { runCli } from './run.ts';
export { processIo, type CliIo } from './io.ts';
