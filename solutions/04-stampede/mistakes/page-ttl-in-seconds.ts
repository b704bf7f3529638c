/**
 * Mistake: the page's hard TTL is written in whole seconds (EX), rounded
 * Replaces: entry-store.ts
 * Caught by: 04.18
 *
 * EX is the TTL everyone knows, and with the defaults (60 s + 30 s) rounding changes
 * nothing. But the options are milliseconds: a fresh time of 1 500 ms plus a stale window
 * of 700 ms becomes 2 s, and a page can disappear before its stale window ends, or outlive
 * it, depending on which way the rounding went.
 */
import type { Redis } from 'ioredis';
import { encodeEntry, type CacheEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export { loadEntry, readEntry } from '../src/entry-store.js';

export async function writeEntry<T>(redis: Redis, key: string, entry: CacheEntry<T>, settings: CacheSettings): Promise<void> {
  await redis.set(key, encodeEntry(entry), 'EX', Math.max(1, Math.round((settings.freshMs + settings.staleMs) / 1000)));
}
