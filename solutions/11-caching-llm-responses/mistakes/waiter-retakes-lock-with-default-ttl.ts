/**
 * Mistake: a waiter that takes the freed lock sets it with the default TTL, not lockTtlMs
 * Replaces: load-once.ts
 * Caught by: 11.14
 *
 * The first try takes the lock with lockTtlMs; the waiting loop was written later, in its
 * own branch, and its SET got DEFAULT_LOCK_TTL_MS, "the usual 30 s". Every check of the
 * first holder's lock passes. But when the holder's call fails and a waiter takes over,
 * its lock lives 30 s whatever the operator chose: with a lockTtlMs of a minute for a slow
 * model, the others stop waiting for it halfway through its call and pay too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_LOCK_TTL_MS, type ChatCompletion, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
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
    const ttlMs = tries === 0 ? lockTtlMs : DEFAULT_LOCK_TTL_MS;
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, ttlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        return (await up.store.read(key)) ?? (await askAndStore(up, key, request));
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
