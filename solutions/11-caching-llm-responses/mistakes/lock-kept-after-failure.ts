/**
 * Mistake: the lock is released after a successful call only
 * Replaces: load-once.ts
 * Caught by: 11.14
 *
 * The unlock sits right after the store, on the path every test of the happy case
 * takes. When the model answers 503 the call throws past it, and the lock stays until
 * its TTL runs out: every other process waits lockWaitMs (or lockTtlMs) for an answer
 * that will never come, during exactly the outage when callers are already slow.
 * Release in a finally.
 */
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const giveUpAt = Date.now() + up.settings.lockWaitMs;
  for (;;) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, up.settings.lockTtlMs), up.settings.redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      const completion = (await up.store.read(key)) ?? (await up.ask(request));
      await up.store.write(key, completion);
      await unlock(up.redis, lock);
      return completion;
    }
    if (Date.now() >= giveUpAt) return up.ask(request);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const found = await up.store.read(key);
    if (found) return found;
  }
}
