/**
 * Mistake: the key builder lowercases and trims the id
 * Replaces: keys.ts
 * Caught by: 02.6
 *
 * Normalising the id looks like hygiene: `S-7F3A` and ` s-7f3a ` typed by a sloppy caller
 * now find the same key, and the cache never holds two copies of one thing. But the id
 * is the caller's, byte for byte: session ids are random strings where case carries
 * information, and two different ids folded into one key mean one user reads, or
 * overwrites, another's session. The builder may refuse an id it cannot name (empty,
 * or containing ':'); it may not quietly turn it into a different one.
 */
import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  const idPart = String(id).trim().toLowerCase();
  if (idPart === '' || idPart.includes(':'))
    throw new RangeError(`a key id must be non-empty and colon-free: "${idPart}"`);
  return `${keyPrefix}${entity}:${idPart}:v${SHAPE_VERSION[entity]}`;
}
