/**
 * Mistake: a waiter keeps retrying until it gets the lock, however long that takes
 * Replaces: lock.ts
 * Caught by: 04.2, 04.8
 *
 * This is the loop most tutorials show: "someone else is loading, sleep 50 ms, try again".
 * It works while loads are quick. When the holder hangs (a stuck query, a paused process)
 * every request for that key queues behind it until the lock's TTL runs out, holding a
 * connection and a socket each: the outage spreads from one slow query to the whole
 * endpoint. waitMs exists to bound that wait.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, options: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    await sleep(50); // the holder will be done soon
  }
  return { key, token };
}
