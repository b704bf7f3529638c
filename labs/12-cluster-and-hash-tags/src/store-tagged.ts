// Lab 12: writes a page and lists it under its tags, as lab 05 did on one Redis.
import type { Cluster } from 'ioredis';
import { TAG_TTL_MARGIN_SECONDS } from './contract.js';

export async function storeTagged(redis: Cluster, key: string, html: string, ttlSeconds: number, tagSets: string[]): Promise<void> {
  // TODO(12): one MULTI over the page and its tag sets is right on one Redis. On a cluster
  //           it is allowed only when every key in it hashes to one slot (CROSSSLOT).
  const block = redis.multi().set(key, html, 'EX', ttlSeconds);
  for (const set of tagSets) {
    block.sadd(set, key).expire(set, ttlSeconds + TAG_TTL_MARGIN_SECONDS, 'NX').expire(set, ttlSeconds + TAG_TTL_MARGIN_SECONDS, 'GT');
  }
  const replies = await block.exec();
  if (!replies || replies.some(([error]) => error)) throw new Error(`could not cache ${key}`);
}
