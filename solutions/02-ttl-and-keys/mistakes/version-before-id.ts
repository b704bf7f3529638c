/**
 * Mistake: the version sits next to the entity instead of at the end of the key
 * Replaces: keys.ts
 * Caught by: 02.5
 *
 * `prod:product:v1:42` groups each version of a class under one branch, which looks
 * neat in a key browser, and it is as unique as the template. But it is not the
 * documented template, so the runbook's `SCAN MATCH prod:product:42:*` for one product
 * finds nothing, and tools that parse the id as the third part read "v1". One template,
 * the same everywhere: <prefix><entity>:<id>:v<version>.
 */
import { SHAPE_VERSION, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

export function cacheKey(keyPrefix: string, entity: Entity, id: string | number): string {
  return `${keyPrefix}${entity}:v${SHAPE_VERSION[entity]}:${id}`;
}
