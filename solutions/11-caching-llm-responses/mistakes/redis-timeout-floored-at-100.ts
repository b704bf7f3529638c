/**
 * Mistake: redisTimeoutMs is never allowed below 100 ms
 * Replaces: bounded.ts
 * Caught by: 11.17
 *
 * A floor of 250 ms is plainly too much, but 100 ms sounds like a sane guard: a GET on a
 * busy network can take tens of ms, and a bound of a few ms would turn hits into paid
 * calls. Still, the option is the operator's decision about how much latency the cache may
 * add: a service told to give up on Redis after 30 ms waits more than three times that,
 * exactly when Redis is in trouble. The bound used is the option's, however small.
 */
import { bounded as exactly } from '../src/bounded.js';

export function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  return exactly(work, Math.max(ms, 100));
}
