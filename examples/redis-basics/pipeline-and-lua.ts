// Fewer round trips (pipelining) and atomic multi-step logic (Lua) with ioredis.
// Run: npx tsx examples/redis-basics/pipeline-and-lua.ts
import type { Redis } from 'ioredis';
import { isMain, runExample } from '../lib/example-redis.js';

// #region pipeline
/** Reads many cached products in one round trip; a miss comes back as null. */
export async function getMany(
  redis: Redis,
  keys: string[],
): Promise<(string | null)[]> {
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.get(key);
  const replies = (await pipeline.exec()) ?? [];
  // Each reply is [error, value]: one failed command does not fail the others.
  return replies.map(([err, value]) => (err ? null : (value as string | null)));
}
// #endregion pipeline

// #region lua
// Store a cached value only if it is newer than the one already there. Read, compare and
// write happen inside Redis as one step: no other client runs in between.
const SET_IF_NEWER = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
local incoming = tonumber(ARGV[1])
if incoming <= current then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'body', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

type SetIfNewer = (
  key: string,
  version: number,
  body: string,
  ttlMs: number,
) => Promise<number>;

/** Registers the script once per client; ioredis sends EVALSHA and falls back to EVAL. */
export function setIfNewerCommand(redis: Redis): SetIfNewer {
  const commands = redis as unknown as Record<string, SetIfNewer | undefined>;
  if (!commands.cacheSetIfNewer) {
    redis.defineCommand('cacheSetIfNewer', { numberOfKeys: 1, lua: SET_IF_NEWER });
  }
  return commands.cacheSetIfNewer!.bind(redis);
}
// #endregion lua

if (isMain(import.meta.url)) {
  await runExample('pipeline-lua', async (redis, p) => {
    await redis.set(`${p}product:1`, '{"id":1}', 'EX', 60);
    await redis.set(`${p}product:3`, '{"id":3}', 'EX', 60);
    const keys = [`${p}product:1`, `${p}product:2`, `${p}product:3`];
    console.log('getMany =', await getMany(redis, keys));

    const setIfNewer = setIfNewerCommand(redis);
    const price = `${p}price:9`;
    console.log('v2 stored:', await setIfNewer(price, 2, '{"cents":1200}', 60_000)); // 1
    // 0: older than what is there, refused
    console.log('v1 stored:', await setIfNewer(price, 1, '{"cents":999}', 60_000));
    console.log('kept =', await redis.hgetall(price));
  });
}
