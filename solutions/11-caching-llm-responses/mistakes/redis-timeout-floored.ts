/**
 * Mistake: redisTimeoutMs is never allowed below the 250 ms default
 * Replaces: bounded.ts
 * Caught by: 11.17
 *
 * The floor reads like a guard against a misconfiguration: a bound of a few ms would turn
 * every hit on a busy Redis into a paid call. But the option is the operator's decision
 * about how much latency the cache may add, and a service with a 100 ms budget per request
 * sets it low on purpose. With a floor it waits 250 ms for a Redis it was told to give up
 * on after 30, and the endpoint misses its budget exactly when Redis is in trouble.
 */
import { DEFAULT_REDIS_TIMEOUT_MS } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded as exactly } from '../src/bounded.js';

export function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  return exactly(work, Math.max(ms, DEFAULT_REDIS_TIMEOUT_MS));
}
