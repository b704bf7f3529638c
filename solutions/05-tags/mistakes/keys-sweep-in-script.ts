/**
 * Mistake: an atomic Lua script that also sweeps, with KEYS, the page named after the tag
 * Replaces: invalidate-tag.ts
 * Caught by: 05.10
 *
 * The script reads and deletes the tag set in one step, as it should. The sweep is meant
 * as a safety net for a tag set that expired or was evicted: at least the page named
 * after the tag (a product's own page) goes too, and with no wildcard in the pattern KEYS
 * "can only match one key". But KEYS visits every key in the database whatever the
 * pattern, and blocks all clients while it does; inside a script the client never even
 * sends it. A key whose name you know is deleted by name, and the TTL is the safety net.
 */
import type { Redis } from 'ioredis';
import { pageKey, tagKey } from '../../../labs/05-tags/src/contract.js';

const SWEEP = `
local doomed = redis.call('SMEMBERS', KEYS[1])
for _, name in ipairs(redis.call('KEYS', ARGV[1])) do
  table.insert(doomed, name)
end
for _, name in ipairs(doomed) do
  redis.call('UNLINK', name)
end
redis.call('UNLINK', KEYS[1])
return #doomed
`;

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  return Number(await redis.eval(SWEEP, 1, tagKey(keyPrefix, tag), pageKey(keyPrefix, tag)));
}
