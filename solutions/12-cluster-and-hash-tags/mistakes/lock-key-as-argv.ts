/**
 * Mistake: the lock's scripts name the key in ARGV and declare none
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * EVAL with numkeys 0 runs on one Redis whatever the script touches, and many lock
 * snippets pass the key as an argument. A cluster client routes a script by its declared
 * keys; with none it picks any node, and that node refuses a key whose slot it does not
 * serve ("non local key"): releases and extensions fail on two primaries out of three.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { runScript } from '../src/run-script.js';

export { acquireLock } from '../src/lock.js';

/** The lock's own scripts, with the key moved from KEYS[1] to ARGV[1] and nothing declared. */
const ifHeld = (then: string) => `if redis.call('GET', ARGV[1]) == ARGV[2] then return ${then} end return 0`;

export async function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  return (await runScript(redis, ifHeld("redis.call('DEL', ARGV[1])"), [], [lock.key, lock.token])) === 1;
}

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await runScript(redis, ifHeld("redis.call('PEXPIRE', ARGV[1], ARGV[3])"), [], [lock.key, lock.token, ttlMs])) === 1;
}
