/**
 * Mistake: a page whose store fails is dropped without a word
 * Replaces: store-tagged.ts
 * Caught by: 12.15
 *
 * Skipping the store when Redis refuses it is right: the reader has the page already.
 * Saying nothing is not. With Redis down, the failed read is logged, so the outage shows;
 * but a store that fails on its own (a full memory, a MULTI refused mid-migration) leaves
 * every read a miss, and the only sign is a database working harder.
 */
import type { Cluster } from 'ioredis';
import { storeTagged as storeOrThrow, type TaggedPage } from '../src/store-tagged.js';

export type { TaggedPage } from '../src/store-tagged.js';

export async function storeTagged(redis: Cluster, page: TaggedPage): Promise<void> {
  await storeOrThrow(redis, page).catch(() => undefined);
}
