/**
 * Mistake: release and extend accept any token that ends the holder's
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * Comparing the end of the value lets a token carry a prefix (a host name, a version)
 * that old holders did not write, which looks like tolerance. But the comparison is what
 * makes a lock owned: a caller holding a shorter string, down to the token's last
 * character, releases or extends a lock it never took.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { runScript } from '../src/run-script.js';

export { acquireLock } from '../src/lock.js';

const IF_ENDS_WITH = `local value = redis.call('GET', KEYS[1])
if not value or string.sub(value, -#ARGV[1]) ~= ARGV[1] then return 0 end
if ARGV[2] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('DEL', KEYS[1])`;

export async function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  return (await runScript(redis, IF_ENDS_WITH, [lock.key], [lock.token])) === 1;
}

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  return (await runScript(redis, IF_ENDS_WITH, [lock.key], [lock.token, ttlMs])) === 1;
}
