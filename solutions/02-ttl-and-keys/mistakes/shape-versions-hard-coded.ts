/**
 * Mistake: the key builder keeps its own copy of the shape versions
 * Replaces: keys.ts
 * Caught by: 02.7
 *
 * The numbers are today's SHAPE_VERSION exactly, so every key is right and every check
 * of the template passes. But the release that changes a shape bumps SHAPE_VERSION in the
 * contract, and this table does not move with it: the new code keeps reading the keys the
 * old release filled, and serves the old shape until those entries expire. The version
 * in a key is read from SHAPE_VERSION, one table, when the key is built.
 */
import type { Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

const VERSION: Record<Entity, number> = { product: 1, inventory: 1, profile: 2, leaderboard: 1, session: 1 };

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const idPart = String(id);
  if (idPart === '' || idPart.includes(':')) throw new RangeError(`a key id must be non-empty and colon-free: "${idPart}"`);
  return `${keyPrefix}${entity}:${idPart}:v${VERSION[entity]}`;
}
