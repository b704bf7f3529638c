/**
 * Mistake: write-through moves the fence before its UPDATE, and not again after the commit
 * Replaces: write-through.ts
 * Caught by: 03.8
 *
 * Moving the fence first refuses every reader that loaded before the write began, and
 * the writer can still tell whether another write came between (the fence is no longer
 * its own value). It looks like the race is closed earlier than in the reference. But a
 * reader that misses while the UPDATE is running reads the moved fence and the old row
 * (the UPDATE has not committed), and fills after the writer's SET: the fence has not
 * moved since it looked, so the old row replaces the new one. The fence must also move
 * after the commit, in the step that writes the new row.
 */
import { PRODUCT_TTL_SECONDS, updateProductPrice, type Catalog, type CatalogOptions } from '../../../labs/03-write-strategies/src/contract.js';
import { invalidate } from '../src/fence.js';
import { productKeys } from '../src/keys.js';
import { createWriteThroughCatalog as createRealCatalog } from '../src/write-through.js';

const BUMP = `
  local fence = redis.call('INCR', KEYS[1])
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  return fence
`;
const SET_IF_MINE = `
  if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 0
  end
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
`;

export function createWriteThroughCatalog(options: CatalogOptions): Catalog {
  const { redis, db, keyPrefix } = options;
  return {
    ...createRealCatalog(options),
    async updatePrice(id, priceCents) {
      const keys = productKeys(keyPrefix, id);
      const mine = await redis.eval(BUMP, 1, keys.fence, PRODUCT_TTL_SECONDS).then(String, () => null);
      const product = await updateProductPrice(db, id, priceCents);
      if (product === null) return null;
      const step =
        mine === null
          ? invalidate(redis, keys)
          : redis.eval(SET_IF_MINE, 2, keys.value, keys.fence, mine, JSON.stringify(product), PRODUCT_TTL_SECONDS);
      await step.catch((error: unknown) => console.warn(String(error)));
      return product;
    },
  };
}
