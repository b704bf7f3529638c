/**
 * Mistake: only hits are timed
 * Replaces: latency.ts
 * Caught by: 13.12
 *
 * "Latency of the cache" sounds like the time to serve from it. But a miss is a Redis
 * read too, and the one that matters most when the cache is cold: leaving it out hides a
 * slow Redis exactly while the hit ratio is low.
 */
import { LatencyWindow as Right } from '../src/latency.js';

export class LatencyWindow extends Right {
  override async time<T>(now: () => number, read: () => Promise<T>): Promise<T> {
    const started = now();
    const value = await read();
    if (value !== null) this.add(now() - started);
    return value;
  }
}
