/**
 * Mistake: the wait for Redis is half as long again as redisTimeoutMs
 * Replaces: bounded.ts
 * Caught by: 10.14
 *
 * Timers fire late on a busy host and a reply may be on its way, so a little extra looks
 * like it saves decisions that were about to come. But redisTimeoutMs is the longest a
 * request may wait before its class's policy decides: every request on a slow Redis now
 * waits half as long again as the operator allowed, and a reply that came after the bound
 * decides instead of the policy.
 */
import { within as withinTheBound } from '../src/bounded.js';

export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return withinTheBound(work, ms * 1.5);
}
