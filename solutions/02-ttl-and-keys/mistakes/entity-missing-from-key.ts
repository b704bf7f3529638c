/**
 * Mistake: the key holds the id and version, but not the entity
 * Replaces: keys.ts
 * Caught by: 02.5, 02.6
 *
 * Written when the cache held only products, where the id alone was unique; the entity
 * parameter came later and was never used. Now product 3 and the stock of product 3
 * both live at `<prefix>3:v1`, and whichever is read second gets the other's value.
 */
import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const version = SHAPE_VERSION[entity];
  return `${keyPrefix}${id}:v${version}`;
}
