import { createInterface } from 'node:readline';

/**
 * Reads answers one line at a time. `rl.question()` never settles when input ends
 * (`echo | npm run quiz 04`), so this keeps its own queue: piped lines that arrive
 * before they are asked for wait their turn, and end of input answers `null`.
 */
export class LineReader {
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private closed = false;
  private readonly rl;
  /** A terminal echoes what is typed; piped answers are echoed here so the log reads. */
  private readonly echo: boolean;

  constructor(
    input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {
    this.echo = !(input as { isTTY?: boolean }).isTTY;
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
  }

  /** False when answers are piped in, where re-asking forever would never end. */
  get interactive(): boolean {
    return !this.echo;
  }

  /** Prints the prompt and resolves with the next line, or null once input has ended. */
  ask(prompt: string): Promise<string | null> {
    this.output.write(prompt);
    return this.next().then((line) => {
      if (this.echo) this.output.write(`${line ?? ''}\n`);
      return line;
    });
  }

  private next(): Promise<string | null> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.rl.close();
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(line);
    else if (line !== null) this.lines.push(line);
  }
}
