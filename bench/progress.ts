// What the bench is doing right now, on stderr so stdout holds only the tables. On a
// terminal: one line rewritten in place. Piped or in CI: a plain line when a step starts
// and then at most every few seconds, so a log shows it is alive without flooding.
import { performance } from 'node:perf_hooks';

export interface Progress {
  /** A new step, with how many units it will count (0 when it cannot say). */
  step(label: string, total?: number): void;
  /** How many units of the current step are done. */
  update(done: number): void;
  /** A line that stays, such as a warning; the live line is redrawn after it. */
  note(text: string): void;
  /** Clears the live line; call before printing results. */
  finish(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? new LiveLine(stream) : new PeriodicLines(stream);
}

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(0)} s`;

class LiveLine implements Progress {
  private label = '';
  private total = 0;
  private done = 0;
  private lastDraw = 0;
  private readonly started = performance.now();
  /** Redraws once a second, so the clock moves during a step that reports no counts. */
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  step(label: string, total = 0): void {
    Object.assign(this, { label, total, done: 0 });
    this.ticker ??= setInterval(() => this.draw(), 1000).unref();
    this.draw();
  }

  update(done: number): void {
    this.done = done;
    if (performance.now() - this.lastDraw > 80 || done === this.total) this.draw();
  }

  note(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.draw();
  }

  finish(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.clear();
  }

  private draw(): void {
    this.lastDraw = performance.now();
    const count = this.total > 0 ? ` ${bar(this.done / this.total)} ${this.done}/${this.total}` : '';
    const line = `[bench ${elapsed(this.started)}] ${this.label}${count}`;
    const width = this.stream.columns || 100;
    this.stream.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
  }

  private clear(): void {
    this.stream.write('\r\x1b[2K');
  }
}

function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

class PeriodicLines implements Progress {
  private label = '';
  private total = 0;
  private lastLine = 0;
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly everyMs = 5000,
  ) {}

  step(label: string, total = 0): void {
    Object.assign(this, { label, total });
    this.write(label);
  }

  update(done: number): void {
    if (performance.now() - this.lastLine < this.everyMs) return;
    this.write(this.total > 0 ? `${this.label}: ${done}/${this.total}` : this.label);
  }

  note(text: string): void {
    this.stream.write(`${text}\n`);
  }

  finish(): void {}

  private write(text: string): void {
    this.lastLine = performance.now();
    this.stream.write(`[bench ${elapsed(this.started)}] ${text}\n`);
  }
}
