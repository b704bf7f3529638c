/**
 * Mistake: keys carry environment, entity and id, but no shape version
 * Replaces: keys.ts
 * Caught by: 02.5, 02.7
 *
 * `prod:profile:42` is short, readable and collision-free, which is most of good key
 * design. But when the profile's shape changes, the deploy meets a Redis full of old
 * values under the very keys the new code reads, and returns them until they expire:
 * `profile.displayName` is undefined for up to five minutes per user.
 */
import type { Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  return keyPrefix + [entity, id].join(':');
}
