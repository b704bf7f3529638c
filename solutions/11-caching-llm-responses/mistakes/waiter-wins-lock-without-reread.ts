/**
 * Mistake: a waiter that wins the lock on a later try calls without reading the cache again
 * Replaces: load-once.ts
 * Caught by: 11.18
 *
 * The first try reads again after taking the lock, as the lesson says. A waiter reads the
 * cache on every round anyway, so when it wins the lock later it has "just looked": a
 * second read seems wasted. But its last read may have been answered before the holder
 * stored, and arrived after: the holder stored and let go in between, the lock is free
 * because the answer is in, and the waiter pays for it again. Every holder reads again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

async function askAndStore(up: Upstream, key: string, request: CompletionRequest) {
  const completion = await up.ask(request);
  await up.store.write(key, completion);
  return completion;
}

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const giveUpAt = Date.now() + lockWaitMs;
  for (let tries = 0; ; tries += 1) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        const found = tries === 0 ? await up.store.read(key) : null; // a waiter read it a moment ago
        return found ?? (await askAndStore(up, key, request));
      } finally {
        await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
      }
    }
    if (Date.now() >= giveUpAt) return askAndStore(up, key, request);
    await sleep(20);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
