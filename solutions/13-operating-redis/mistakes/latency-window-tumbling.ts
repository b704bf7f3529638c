/**
 * Mistake: the latency window starts afresh every 1 000 reads instead of sliding
 * Replaces: latency.ts
 * Caught by: 13.12
 *
 * Emptying the list when it is full keeps memory bounded as well, and after 1 100 reads
 * it holds the latest 100, as a sliding window would. But just after each reset the
 * percentiles come from a handful of samples: p99 of one read, a dashboard that jumps
 * every thousand reads, and an alert that fires (or goes quiet) for no reason.
 */
import { LatencyWindow as Right, LATENCY_WINDOW } from '../src/latency.js';

export class LatencyWindow extends Right {
  private current = new Right();
  private count = 0;

  override add(ms: number): void {
    if (this.count === LATENCY_WINDOW) [this.current, this.count] = [new Right(), 0];
    this.current.add(ms);
    this.count += 1;
  }

  override percentiles(): { p50: number; p95: number; p99: number } | null {
    return this.current.percentiles();
  }
}
