/**
 * Mistake: a waiter that gave up stores its answer with PX ttlSeconds
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * The waiter that gave up has its own little write, next to its call, and it was written
 * with PX like the lock's SET a few lines above. The answer is stored, a repeat a moment
 * later is a hit, and every check that asks again at once passes. But PX counts in
 * milliseconds: an answer meant to live an hour lives 3.6 seconds, exactly for the
 * questions whose first call hung, the slow ones most worth keeping. Store it as any
 * miss's answer is stored: EX ttlSeconds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { isCacheable } from '../src/cacheable.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const { ttlSeconds } = up.settings as typeof up.settings & { ttlSeconds: number };
  const giveUpAt = Date.now() + lockWaitMs;
  for (;;) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        const found = await up.store.read(key);
        if (found) return found;
        const completion = await up.ask(request);
        await up.store.write(key, completion);
        return completion;
      } finally {
        await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
      }
    }
    if (Date.now() >= giveUpAt) {
      const completion = await up.ask(request);
      if (isCacheable(completion)) await bounded(up.redis.set(key, JSON.stringify(completion), 'PX', ttlSeconds), redisTimeoutMs).catch(() => {});
      return completion;
    }
    await sleep(20);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
