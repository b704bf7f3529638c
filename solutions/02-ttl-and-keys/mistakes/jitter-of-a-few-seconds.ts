/**
 * Mistake: every TTL gets the same few seconds of jitter, whatever its length
 * Replaces: ttl-policy.ts
 * Caught by: 02.1, 02.2, 02.4
 *
 * "Add up to 10 seconds either way" sounds like jitter. On an hour-long catalog TTL it
 * spreads a deploy's keys over 20 s, so the database still takes them in one burst; on
 * the 30 s inventory TTL it is a third of the value, and stock can be 40 s stale. Jitter
 * is a fraction of the TTL it moves, and a session's idle timeout takes none at all.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

const MAX_JITTER_MS = 10_000;

export function ttlMsFor(entity: Entity, random: () => number): number {
  const baseMs = TTL_POLICY[entity].seconds * 1000;
  const jitterMs = Math.floor((random() - 0.5) * 2 * MAX_JITTER_MS);
  return baseMs + jitterMs;
}
