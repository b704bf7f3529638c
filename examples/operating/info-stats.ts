// Reading a Redis server's health from INFO with ioredis: hit ratio, evictions, memory,
// fragmentation, throughput and the slow log. Read-only: safe on a shared server.
// Run: npx tsx examples/operating/info-stats.ts
import type { Redis } from 'ioredis';
import { isMain, runExample } from '../lib/example-redis.js';

// #region parse-info
/** INFO replies with "# Section" headers and "name:value" lines; this flattens them. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

export interface CacheHealth {
  hits: number;
  misses: number;
  evictedKeys: number;
  expiredKeys: number;
  usedMemory: number;
  usedMemoryRss: number;
  maxmemory: number;
  fragmentationRatio: number;
  opsPerSec: number;
}

export async function readCacheHealth(redis: Redis): Promise<CacheHealth> {
  const info = parseInfo(await redis.info('everything'));
  const n = (name: string) => Number(info.get(name) ?? 0);
  return {
    hits: n('keyspace_hits'),
    misses: n('keyspace_misses'),
    evictedKeys: n('evicted_keys'),
    expiredKeys: n('expired_keys'),
    usedMemory: n('used_memory'),
    usedMemoryRss: n('used_memory_rss'),
    maxmemory: n('maxmemory'),
    fragmentationRatio: n('mem_fragmentation_ratio'),
    opsPerSec: n('instantaneous_ops_per_sec'),
  };
}
// #endregion parse-info

// #region interval
/**
 * The counters are totals since the server started (or since CONFIG RESETSTAT), and
 * they cover every client of the server. A useful hit ratio is the change over an
 * interval.
 */
export function overInterval(before: CacheHealth, after: CacheHealth, seconds: number) {
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  return {
    hitRatio: hits + misses === 0 ? null : hits / (hits + misses),
    evictionsPerSec: (after.evictedKeys - before.evictedKeys) / seconds,
    expiriesPerSec: (after.expiredKeys - before.expiredKeys) / seconds,
    memoryUsedOfMax: after.maxmemory > 0 ? after.usedMemory / after.maxmemory : null,
  };
}
// #endregion interval

// #region slowlog
/**
 * SLOWLOG GET: [id, unix time, microseconds, [command, ...args], client addr,
 * client name].
 */
export async function slowCommands(redis: Redis, count = 10) {
  const entries = (await redis.call('SLOWLOG', 'GET', String(count))) as unknown[][];
  return entries.map(([id, at, micros, args]) => ({
    id: Number(id),
    at: new Date(Number(at) * 1000),
    ms: Number(micros) / 1000,
    // Arguments may hold data: show little.
    command: (args as string[]).slice(0, 3).join(' '),
  }));
}
// #endregion slowlog

if (isMain(import.meta.url)) {
  await runExample('operating', async (redis, prefix) => {
    const before = await readCacheHealth(redis);
    // Some traffic of our own: 30 hits and 10 misses (other clients' traffic counts too).
    await redis.set(`${prefix}hot`, 'x', 'EX', 60);
    for (let i = 0; i < 30; i++) await redis.get(`${prefix}hot`);
    for (let i = 0; i < 10; i++) await redis.get(`${prefix}missing:${i}`);
    const after = await readCacheHealth(redis);

    console.log('server totals:', after);
    console.log('over this interval:', overInterval(before, after, 1));
    console.log('slow log:', await slowCommands(redis, 3));
  });
}
