import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { extendLock, releaseLock } from './lock.js';

// #region while-holding
/**
 * Runs `work` while holding `lock`, then releases it, whether the work returned or threw.
 * A slow load keeps the lock: it is extended every third of its TTL, by its owner only.
 * If the process dies, its timer dies with it and the TTL frees the lock for others.
 */
export async function whileHolding<T>(
  redis: Redis,
  lock: Lock,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const keepAlive = setInterval(
    () => {
      extendLock(redis, lock, ttlMs).catch(() => {}); // a missed extension is retried next tick
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  keepAlive.unref();
  try {
    return await work();
  } finally {
    clearInterval(keepAlive);
    // If Redis fails here, the TTL still frees the lock; the caller's result or error
    // matters more.
    await releaseLock(redis, lock).catch(() => {});
  }
}
// #endregion while-holding
