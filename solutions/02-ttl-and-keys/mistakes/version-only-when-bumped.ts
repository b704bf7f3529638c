/**
 * Mistake: only entities whose shape has changed carry a version in their key
 * Replaces: keys.ts
 * Caught by: 02.5, 02.7
 *
 * "v1 is implied" keeps most keys short and leaves every existing key where it was;
 * only the profile, whose shape changed, moves to `profile:42:v2`. But the keys without a
 * version are exactly the keys the release before versioning wrote, in whatever shape it
 * had, and the first shape change of a product has nothing to bump from: the unversioned
 * key keeps serving the old shape. Every key carries its version, v1 included.
 */
import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const version = SHAPE_VERSION[entity];
  const base = `${keyPrefix}${entity}:${id}`;
  return version > 1 ? `${base}:v${version}` : base;
}
