/**
 * Mistake: write-through leaves the cached entry as it is when the fence has moved
 * Replaces: fence.ts
 * Caught by: 03.18
 *
 * The reasoning sounds tidy: if the fence moved since this write read it, another write
 * reached Redis in between, so "its row is already cached" and there is nothing to do but
 * move the fence. That holds only when the other write committed after ours. When both
 * writes read the fence before either committed, the earlier commit can be the one that
 * reached Redis first: it SETs its row, and the later commit, finding the fence moved,
 * leaves that older row in place for the rest of the hour. A moved fence means "I cannot
 * tell whose row is newer", and the only safe answer to that is to delete.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
export { invalidate, readFence } from '../src/fence.js';

const writeThroughScript = luaScript(`
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  return 0
`);

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeThroughScript(redis, [keys.value, keys.fence], [seen, value, PRODUCT_TTL_SECONDS]);
}
