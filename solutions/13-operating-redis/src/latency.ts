/** The latest samples a percentile is taken over: recent behaviour, in bounded memory. */
export const LATENCY_WINDOW = 1_000;

/** Latencies of the latest LATENCY_WINDOW Redis reads, and their percentiles. */
export class LatencyWindow {
  private readonly samples: number[] = [];

  constructor(private readonly size = LATENCY_WINDOW) {}

  add(ms: number): void {
    this.samples.push(ms);
    if (this.samples.length > this.size) this.samples.shift();
  }

  /**
   * Runs one Redis read, timed by `now` around that call alone, and keeps the sample if
   * Redis answered: a failure is an error, not a latency.
   */
  async time<T>(now: () => number, read: () => Promise<T>): Promise<T> {
    const started = now();
    const value = await read();
    this.add(now() - started);
    return value;
  }

  /** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
  percentiles(): { p50: number; p95: number; p99: number } | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
    return { p50: at(50), p95: at(95), p99: at(99) };
  }
}
