/**
 * Mistake: the jittered TTL is rounded to whole seconds
 * Replaces: ttl-policy.ts
 * Caught by: 02.1
 *
 * TTL_POLICY is written in seconds and EX takes seconds, so rounding looks harmless: a
 * second either way on an hour. But on the 30 s stock TTL ±10 % only seven values are
 * left (27 to 33 s), so keys written together still expire together in seven bursts, and
 * every TTL sits up to half a second away from the point its random draw chose.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function ttlMsFor(entity: Entity, random: () => number): number {
  const { seconds, jitter } = TTL_POLICY[entity];
  const jitteredSeconds = Math.round(seconds * (1 + jitter * (2 * random() - 1)));
  return jitteredSeconds * 1000;
}
