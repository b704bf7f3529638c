// A tour of the commands and structures a backend engineer reaches for, against a real
// Redis, under a key prefix of its own.
// Run: npx tsx examples/redis-basics/data-structures.ts
import type { Redis } from 'ioredis';
import { isMain, runExample } from '../lib/example-redis.js';

// #region strings
export async function stringsAndTtls(redis: Redis, p: string): Promise<void> {
  // Value and TTL in one command: the key can never exist without its expiry.
  const product = JSON.stringify({ name: 'Kettle', priceCents: 3900 });
  await redis.set(`${p}product:42`, product, 'EX', 300);
  console.log('TTL product:42 =', await redis.ttl(`${p}product:42`)); // ~300 seconds
  console.log('PTTL product:42 =', await redis.pttl(`${p}product:42`)); // ~300000 ms

  // NX: only if absent. 'OK' for the winner, null for everyone else.
  console.log('first NX =', await redis.set(`${p}once`, 'a', 'PX', 5_000, 'NX'));
  console.log('second NX =', await redis.set(`${p}once`, 'b', 'PX', 5_000, 'NX'));

  // Counters: INCR creates the key at 0 and adds 1, atomically,
  // whoever else is counting.
  await redis.incr(`${p}views:42`);
  console.log('views =', await redis.incr(`${p}views:42`)); // 2
  console.log('EXISTS views:42 =', await redis.exists(`${p}views:42`)); // 1
  console.log('TTL of a key without expiry =', await redis.ttl(`${p}views:42`)); // -1
  await redis.expire(`${p}views:42`, 60); // adds (or replaces) a TTL on an existing key
  console.log('TTL of a missing key =', await redis.ttl(`${p}nothing-here`)); // -2

  // A plain SET on an existing key throws its TTL away (unless you pass KEEPTTL).
  await redis.set(`${p}product:42`, 'replaced');
  // -1: a leak in the making
  console.log('TTL after plain SET =', await redis.ttl(`${p}product:42`));
  console.log('DEL =', await redis.del(`${p}product:42`, `${p}once`)); // 2
}
// #endregion strings

// #region hash
export async function hashes(redis: Redis, p: string): Promise<void> {
  // One key, many fields: read or change one field without rewriting the whole object.
  const key = `${p}user:7`;
  // HSET takes no TTL, so the write and its EXPIRE share one MULTI: the hash can never
  // exist without its expiry. The TTL belongs to the whole hash, not to a field.
  await redis
    .multi()
    .hset(key, { name: 'Ada', plan: 'pro', logins: '0' })
    .expire(key, 600)
    .exec();
  await redis.hincrby(key, 'logins', 1); // changing a field keeps the hash's TTL
  console.log('HGET plan =', await redis.hget(key, 'plan'));
  console.log('HGETALL =', await redis.hgetall(key));
}
// #endregion hash

// #region sets
export async function sets(redis: Redis, p: string): Promise<void> {
  // Unordered, unique members: who is online, which cache keys carry a tag.
  const key = `${p}online`;
  await redis.multi().sadd(key, 'u1', 'u2', 'u2', 'u3').expire(key, 120).exec();
  console.log('SCARD =', await redis.scard(key)); // 3: duplicates are ignored
  console.log('SISMEMBER u2 =', await redis.sismember(key, 'u2'));
}
// #endregion sets

// #region leaderboard
export async function leaderboard(redis: Redis, p: string): Promise<void> {
  // A sorted set keeps members ordered by score; updates are atomic and O(log n).
  const board = `${p}leaderboard:weekly`;
  // Like HSET, ZADD takes no TTL: write and expiry go in one MULTI.
  await redis
    .multi()
    .zadd(board, 120, 'ada', 95, 'linus', 130, 'grace')
    .expire(board, 600)
    .exec();
  await redis.zincrby(board, 40, 'linus'); // linus: 135
  // A flat reply: member, score, member, score, ...
  const top = await redis.zrange(board, '0', '2', 'REV', 'WITHSCORES');
  console.log('top 3 =', top);
  console.log('rank of ada (0 = first) =', await redis.zrevrank(board, 'ada'));
}
// #endregion leaderboard

// #region lists-and-streams
export async function listsAndStreams(redis: Redis, p: string): Promise<void> {
  // A capped list: the last 5 products a user looked at.
  const recent = `${p}recent:user:7`;
  for (const id of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) {
    await redis
      .multi()
      .lpush(recent, id)
      .ltrim(recent, 0, 4)
      .expire(recent, 86_400)
      .exec();
  }
  console.log('recently viewed =', await redis.lrange(recent, 0, -1)); // p6 .. p2

  // A stream: an append-only log that readers can replay from an id; unlike pub/sub,
  // an entry stays there for a consumer that was away. MAXLEN ~ bounds its memory.
  const events = `${p}events:orders`;
  await redis.xadd(
    events,
    'MAXLEN', '~', '10000',
    '*',
    'type', 'order.paid',
    'orderId', '981',
  );
  console.log('stream entries =', await redis.xrange(events, '-', '+'));
}
// #endregion lists-and-streams

if (isMain(import.meta.url)) {
  await runExample('basics', async (redis, prefix) => {
    await stringsAndTtls(redis, prefix);
    await hashes(redis, prefix);
    await sets(redis, prefix);
    await leaderboard(redis, prefix);
    await listsAndStreams(redis, prefix);
  });
}
