/**
 * Mistake: a tag set's TTL is extended only when the page joins it
 * Replaces: store-tagged.ts
 * Caught by: 05.4
 *
 * One script writes the page and its memberships, so it is one step, and it skips the two
 * EXPIREs when SADD answers 0: the set already lists the page, so (it seems) it already got
 * that page's TTL when it did. It did, back then. But a set outlives the pages it lists,
 * and an expired page stays a member: a 60 s search expires, its set has 20 s left and
 * still names it, the search is cached again for 60 s, SADD answers 0, and the set dies
 * 40 s before the page. A price change in those 40 s cannot find the page. The set's TTL
 * must cover the page from the step that lists it, on every write.
 */
import type { Redis } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS, tagKey, type TaggedPage } from '../../../labs/05-tags/src/contract.js';
import { LuaScript } from '../src/lua-script.js';

/** KEYS[1] the page, KEYS[2..] its tag sets; ARGV: html, page TTL, set TTL. */
const STORE_TAGGED = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
for i = 2, #KEYS do
  if redis.call('SADD', KEYS[i], KEYS[1]) == 1 then
    redis.call('EXPIRE', KEYS[i], ARGV[3], 'NX')
    redis.call('EXPIRE', KEYS[i], ARGV[3], 'GT')
  end
end
`);

export async function storeTagged(redis: Redis, keyPrefix: string, page: TaggedPage): Promise<void> {
  const sets = [...new Set(page.tags)].map((tag) => tagKey(keyPrefix, tag));
  await STORE_TAGGED.run(redis, [page.key, ...sets], [page.html, page.ttlSeconds, page.ttlSeconds + TAG_TTL_MARGIN_SECONDS]);
}
