/**
 * Mistake: the jitter comes from Math.random, whatever source the cache was handed
 * Replaces: ttl-policy.ts
 * Caught by: 02.1
 *
 * The default source is Math.random anyway, so calling it directly looks like the same
 * thing with one parameter less, and in production every TTL still lands in its band. But
 * the source is part of the interface: it is how a test, a simulation or a replay pins the
 * TTLs down. Ignore it and nobody can check where in the band a write lands; here, a
 * random() that returns 0 should give the shortest TTL and gets any of them.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function ttlMsFor(entity: Entity, _random: () => number): number {
  const { seconds, jitter } = TTL_POLICY[entity];
  return Math.round(seconds * 1000 * (1 + jitter * (2 * Math.random() - 1)));
}
