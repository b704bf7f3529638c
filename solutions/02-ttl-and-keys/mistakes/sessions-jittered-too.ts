/**
 * Mistake: ±10 % jitter on every TTL, sessions included
 * Replaces: ttl-policy.ts
 * Caught by: 02.2
 *
 * Jitter everywhere sounds like the safe default, and the cache classes are right. But a
 * session's TTL is the idle timeout the product promised: with jitter one user is
 * logged out after 13.5 idle minutes and another stays logged in for 16.5. Sessions
 * start at scattered times anyway, so jitter buys nothing there.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

const JITTER = 0.1;

export function ttlMsFor(entity: Entity, random: () => number): number {
  const spread = (random() * 2 - 1) * JITTER;
  return Math.round(TTL_POLICY[entity].seconds * (1 + spread) * 1000);
}
