import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

// #region jitter
/**
 * The TTL for one write of `entity`, in milliseconds: the class's base, moved up or down
 * by at most its jitter fraction, drawn afresh on every call. Keys written in the same
 * second (a deploy warming the cache, a batch job) then expire across a band instead of
 * in the same second, so their misses reach the database spread out, not as one spike.
 *
 * Milliseconds and PX, not seconds and EX: a 30 s TTL ± 10 % in whole seconds has only
 * seven possible values.
 */
export function ttlMsFor(entity: Entity, random: () => number): number {
  const { seconds, jitter } = TTL_POLICY[entity];
  const offset = jitter * (2 * random() - 1); // uniform in [-jitter, +jitter)
  return Math.round(seconds * 1000 * (1 + offset));
}
// #endregion jitter
