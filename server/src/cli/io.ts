/** Where a command writes and reads, so that tests can run commands in-process. */

/** Standard streams of a command. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
  /** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
  stopSignal(): Promise<string>;
}

/** The real process streams and signals. */
export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stopSignal: () =>
    new Promise((resolve) => {
      const on = (signal: string) => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
        resolve(signal);
      };
      process.once('SIGINT', on);
      process.once('SIGTERM', on);
    }),
};
