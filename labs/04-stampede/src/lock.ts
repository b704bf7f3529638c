// Lab 04: a lock in Redis, so that one process at a time loads a key. The suite drives
// these three functions directly, as two processes A and B would.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from './contract.js';

export async function acquireLock(redis: Redis, key: string, options: LockOptions): Promise<Lock | null> {
  // TODO(04): every holder writes the same "1", so nothing in Redis says whose lock it is.
  const taken = await redis.set(key, '1', 'PX', options.ttlMs, 'NX');
  if (taken === 'OK') return { key, token: '1' };
  // TODO(04): options.waitMs is ignored. While someone holds the lock this retries every
  //           50 ms, for ever: a holder that hangs takes every waiter down with it.
  await sleep(50);
  return acquireLock(redis, key, options);
}

export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  // TODO(04): if our lock expired and another process took it, this deletes theirs.
  return (await redis.del(lock.key)) === 1;
}

export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  // TODO(04): this extends the lock of whoever holds it now, not only our own.
  return (await redis.pexpire(lock.key, ttlMs)) === 1;
}
