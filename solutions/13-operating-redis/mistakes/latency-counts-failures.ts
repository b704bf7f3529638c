/**
 * Mistake: every GET is timed, the failed and timed-out ones too
 * Replaces: latency.ts
 * Caught by: 13.12
 *
 * A timeout "is" slow, so it seems right to count it. But then p99 during an outage is
 * the command timeout, the same number whether Redis is slow or not there at all, and
 * the failures are counted twice: once as errors, once as latency. The latency of Redis
 * is of the reads it answered.
 */
import { LatencyWindow as Right } from '../src/latency.js';

export class LatencyWindow extends Right {
  override async time<T>(now: () => number, read: () => Promise<T>): Promise<T> {
    const started = now();
    try {
      return await read();
    } finally {
      this.add(now() - started);
    }
  }
}
