/**
 * Mistake: the page is written with SET and given its TTL by a PEXPIRE after it
 * Replaces: entry-store.ts
 * Caught by: 04.10, 04.18
 *
 * Two commands read more clearly than one with flags, and the TTL that ends up on the key
 * is exactly right: a check of PTTL after the write sees freshMs + staleMs. But between
 * the SET and the PEXPIRE the page has no expiry at all; a crash, a dropped connection or
 * a failed second command there leaves a page that Redis never drops, and a price that is
 * never corrected. One SET with PX, or both in one MULTI ... EXEC.
 */
import type { Redis } from 'ioredis';
import { encodeEntry, type CacheEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export { loadEntry, readEntry } from '../src/entry-store.js';

export async function writeEntry<T>(redis: Redis, key: string, entry: CacheEntry<T>, settings: CacheSettings): Promise<void> {
  await redis.set(key, encodeEntry(entry));
  await redis.pexpire(key, settings.freshMs + settings.staleMs);
}
