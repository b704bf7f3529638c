// Lab 02: the one place that names keys. Every key this cache writes is built here,
// so the pattern is documented once and can change once.
import type { Entity } from './contract.js';

/** The Redis key for one cached value of `entity`, e.g. product 42. */
export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  // TODO(02): nothing here says which shape the value has. The profile changed from
  // { name } to { displayName, bio }: after that deploy, what does this key still hold?
  return `${keyPrefix}${entity}:${id}`;
}
