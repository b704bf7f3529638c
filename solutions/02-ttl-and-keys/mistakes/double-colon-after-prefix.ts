/**
 * Mistake: every part is joined with ':', including the prefix that already ends in one
 * Replaces: keys.ts
 * Caught by: 02.5
 *
 * Joining the parts with a separator looks like the cleanest way to build a key. But the
 * prefix is `prod:`, so the keys come out as `prod::product:42:v1`: still unique, yet
 * not the documented template, and a `SCAN MATCH prod:product:*` in an incident finds
 * none of them.
 */
import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const parts = [keyPrefix, entity, String(id), `v${SHAPE_VERSION[entity]}`];
  return parts.join(':');
}
