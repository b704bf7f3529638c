// Small statistics for timings: percentiles of one run, and how much a figure moved
// between repeated runs (the "spread" printed beside every median).

/** The q-quantile (0..1) of sorted samples, interpolating between neighbours. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

export function median(values: number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

/** Latencies of one run, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  count: number;
}

export function summarise(samplesMs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: sorted.length };
}

/**
 * A figure measured in several rounds: the median of the rounds, and their spread as half
 * the interquartile range relative to the median (0.04 = "±4 %"). One odd round (the
 * machine busy with something else) moves neither; the rounds themselves are kept.
 */
export interface Repeated {
  median: number;
  spread: number;
  rounds: number[];
}

export function repeated(rounds: number[]): Repeated {
  const sorted = Float64Array.from(rounds).sort();
  const middle = quantile(sorted, 0.5);
  const halfIqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2;
  return { median: middle, spread: middle === 0 ? 0 : halfIqr / Math.abs(middle), rounds };
}

/** Collects per-operation timings into a preallocated buffer. */
export class Samples {
  private readonly buffer: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.buffer = new Float64Array(capacity);
  }

  add(ms: number): void {
    if (this.size < this.buffer.length) this.buffer[this.size++] = ms;
  }

  values(): Float64Array {
    return this.buffer.subarray(0, this.size);
  }
}
