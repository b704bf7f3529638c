/**
 * Mistake: the wait for Redis stops at two thirds of redisTimeoutMs
 * Replaces: bounded.ts
 * Caught by: 10.14
 *
 * Stopping early leaves room for the policy's own work and the response inside the
 * bound, which sounds prudent. But a Redis answering within the bound is a Redis that
 * works: cut short, every answer in the last third of the window is thrown away, and the
 * limiter fails open or closed on a service that was only a little slow.
 */
import { within as withinTheBound } from '../src/bounded.js';

export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return withinTheBound(work, ms * 0.65);
}
