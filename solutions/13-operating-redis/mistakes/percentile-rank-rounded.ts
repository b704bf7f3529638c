/**
 * Mistake: the percentile's rank is rounded to the nearest sample, not rounded up
 * Replaces: latency.ts
 * Caught by: 13.12
 *
 * Math.round looks like the fair way to turn 0.95 × n into a position, and for 100 or
 * 1 000 samples it gives the same answer as the nearest-rank rule. For other counts it
 * picks a sample with fewer than 95% of the samples at or below it: with eleven reads the
 * p95 is the tenth, and the slowest read, the one a p95 is there to show, is left out.
 */
import { LATENCY_WINDOW, LatencyWindow as NearestRank } from '../src/latency.js';

export { LATENCY_WINDOW };

export class LatencyWindow extends NearestRank {
  private readonly kept: number[] = [];

  override add(ms: number): void {
    super.add(ms);
    this.kept.push(ms);
  }

  override percentiles(): { p50: number; p95: number; p99: number } | null {
    const all = super.percentiles();
    if (all === null) return null;
    const sorted = this.kept.slice(-LATENCY_WINDOW).sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.max(0, Math.round((p / 100) * sorted.length) - 1)]!;
    return { p50: at(50), p95: at(95), p99: at(99) };
  }
}
