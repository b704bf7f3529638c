/**
 * Mistake: a waiter doubles its pause after every read, up to a second
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * Backing off is what a client does against a struggling server, so it looks like good
 * manners toward Redis. But a waiter is not retrying a failure: it is waiting for an
 * answer that may land any moment. After a few reads it sleeps 400 ms, then 800, and it
 * checks the clock only between pauses: the answer, or lockWaitMs, is noticed up to a
 * second late. Keep the pace steady and short; a GET every few tens of ms is cheap.
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
  for (let pauseMs = 25; ; pauseMs = Math.min(2 * pauseMs, 1_000)) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        return (await up.store.read(key)) ?? (await askAndStore(up, key, request));
      } finally {
        await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
      }
    }
    if (Date.now() >= giveUpAt) return askAndStore(up, key, request);
    await sleep(pauseMs);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
