/**
 * Mistake: jitter is only ever added, so no key lives less than its base TTL
 * Replaces: ttl-policy.ts
 * Caught by: 02.1
 *
 * "Never expire earlier than promised" sounds like the careful choice, and the keys still
 * spread out. But the band is ±10 %: a TTL in [base, base + 10 %] makes stock up to 33 s
 * stale where the budget is 30 s ± 3, and it halves the spread the band was sized for.
 * random() = 0 must give the shortest TTL of the band, not the base.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function ttlMsFor(entity: Entity, random: () => number): number {
  const { seconds, jitter } = TTL_POLICY[entity];
  const baseMs = seconds * 1000;
  return Math.round(baseMs + baseMs * jitter * random());
}
