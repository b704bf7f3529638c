// Lab 12: the loader lock of lab 04, as it was written for one Redis.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from './contract.js';

export async function acquireLock(redis: Cluster, key: string, options: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while (true) {
    if ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK') return { key, token };
    if (Date.now() >= deadline) return null;
    await sleep(20);
  }
}

// TODO(12): the lock's key is passed as ARGV with no declared key. One Redis runs it
//           anyway; a cluster client sends a script with no keys to any node, and that
//           node refuses a key it does not serve.
const RELEASE = `if redis.call('GET', ARGV[1]) == ARGV[2] then return redis.call('DEL', ARGV[1]) end return 0`;
const EXTEND = `if redis.call('GET', ARGV[1]) == ARGV[2] then return redis.call('PEXPIRE', ARGV[1], ARGV[3]) end return 0`;

export async function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  return (await redis.eval(RELEASE, 0, lock.key, lock.token)) === 1;
}

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await redis.eval(EXTEND, 0, lock.key, lock.token, ttlMs)) === 1;
}
