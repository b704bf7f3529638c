/**
 * Mistake: the percentile's index is floor(p × n) instead of the nearest rank
 * Replaces: latency.ts
 * Caught by: 13.12
 *
 * sorted[Math.floor(0.5 * n)] is what comes to mind for a median; for 100 samples it is
 * the 51st, and p99 of 100 samples is the largest. Dashboards compare percentiles across
 * hosts and releases: a definition that shifts with n makes the comparison wrong.
 */
import { LatencyWindow as Right } from '../src/latency.js';

export class LatencyWindow extends Right {
  private readonly all: number[] = [];

  override add(ms: number): void {
    super.add(ms);
    this.all.push(ms);
    if (this.all.length > 1_000) this.all.shift();
  }

  override percentiles(): { p50: number; p95: number; p99: number } | null {
    if (this.all.length === 0) return null;
    const sorted = [...this.all].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
    return { p50: at(50), p95: at(95), p99: at(99) };
  }
}
