/**
 * Mistake: a waiter that wins the lock after the holder let go calls the model and frees the lock at once
 * Replaces: load-once.ts
 * Caught by: 11.14
 *
 * The reasoning: a waiter only wins the lock on a later try if the holder let go without
 * storing an answer, so its call failed, and waiting on is pointless; call at once, and
 * free the lock for the others. With one waiter that is right. With two, the second wins
 * the freed lock on its next try, reasons the same way, and pays too: every waiting
 * process makes its own call after a failure, the stampede the lock was there to stop. The
 * one that takes over holds the lock for its call, like any holder, and the others wait.
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
    if (lock && tries > 0) {
      await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {}); // the holder failed: let the others go too
      return askAndStore(up, key, request);
    }
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
