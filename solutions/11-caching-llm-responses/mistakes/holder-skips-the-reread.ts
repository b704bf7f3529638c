/**
 * Mistake: the process that wins the lock calls the model without reading the cache again
 * Replaces: load-once.ts
 * Caught by: 11.18
 *
 * It looked a moment ago and found nothing, so reading again seems wasted. But between
 * that miss and the lock, another process may have called, stored its answer and let
 * go: the lock is free again exactly because the answer is in. Without a second read
 * the winner pays for the same answer twice, once per wave of waiters.
 */
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

export async function loadOnce(
  up: Upstream,
  key: string,
  request: CompletionRequest,
): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const giveUpAt = Date.now() + lockWaitMs;
  for (;;) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs)
      .catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        const completion = await up.ask(request);
        await up.store.write(key, completion);
        return completion;
      } finally {
        await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
      }
    }
    if (Date.now() >= giveUpAt) return up.ask(request);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const found = await up.store.read(key);
    if (found) return found;
  }
}
