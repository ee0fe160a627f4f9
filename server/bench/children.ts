/**
 * Child processes of a benchmark that cannot outlive it: every child spawned here is tracked and
 * killed (SIGKILL) when the benchmark exits, however it exits; and every wait has a deadline.
 * Children that speak to the benchmark print JSON lines starting with `BENCH `.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills every child still running (synchronous: safe in an `exit` handler). */
export function killAllChildren(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  live.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllChildren);
}

/** A tracked child with its `BENCH` messages and the last lines of its other output. */
export class Child {
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Last lines of output that were not messages (for error reports). */
  readonly tail: string[] = [];
  /** Output lines that were not messages. */
  otherLines = 0;
  private readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    opts: SpawnOptions = {},
  ) {
    hookExit();
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
    live.add(this.proc);
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code) => {
        live.delete(this.proc);
        resolve(code);
        this.wake();
      });
      this.proc.once('error', (err) => {
        live.delete(this.proc);
        this.keep(`spawn failed: ${err.message}`);
        resolve(null);
        this.wake();
      });
    });
    for (const stream of [this.proc.stdout, this.proc.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
  }

  /** The process id (throws when the spawn failed). */
  get pid(): number {
    if (this.proc.pid === undefined) throw new Error(`${this.name}: not started`);
    return this.proc.pid;
  }

  /** True once the process has exited. */
  get done(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /** Waits for the first message with `key`, at most `timeoutMs`; throws on exit or timeout. */
  async message(key: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => key in m);
      if (found) return found;
      if (this.done) throw new Error(`${this.name} exited before '${key}': ${this.tailText()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no '${key}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The first message with `key` received so far, if any. */
  received(key: string): Record<string, unknown> | undefined {
    return this.messages.find((m) => key in m);
  }

  /** Sends `signal`, waits up to `timeoutMs` for the exit, then SIGKILLs. Returns the exit code. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
    if (!this.done) this.proc.kill(signal);
    const timer = new Promise<'timeout'>((resolve) => {
      const t = setTimeout(() => resolve('timeout'), timeoutMs);
      void this.exited.then(() => clearTimeout(t));
    });
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      this.keep(`did not exit within ${timeoutMs} ms of ${signal}; killed`);
      this.proc.kill('SIGKILL');
      await this.exited;
      return null;
    }
    return this.exited;
  }

  /** The last lines of output, for an error message. */
  tailText(): string {
    return this.tail.length === 0 ? '(no output)' : this.tail.join('\n');
  }

  private onLine(line: string): void {
    if (line.startsWith('BENCH ')) {
      try {
        this.messages.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
      } catch {
        this.keep(line);
      }
      this.wake();
      return;
    }
    this.otherLines++;
    this.keep(line);
  }

  private keep(line: string): void {
    this.tail.push(line.length > 400 ? `${line.slice(0, 400)}...` : line);
    if (this.tail.length > 20) this.tail.shift();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
