/**
 * Mistake: a waiter reads the cache once a second
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * A model call takes seconds, so reading once a second looks like plenty, and gentle on
 * Redis. But a waiter also stands in for the user who asked: each answer reaches it up to
 * a second after it was stored, and when the holder's call fails, nobody takes over for up
 * to a second. Reads a few tens of ms apart cost Redis little (one GET each) and keep the
 * wait as short as the call.
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

/** The load-once loop with waiters that read the cache every `pollMs` (waiters-poll-every-quarter-second.ts uses it too). */
export function pollingEvery(pollMs: number) {
  return (up: Upstream, key: string, request: CompletionRequest) => loadPolling(up, key, request, pollMs);
}

export const loadOnce = pollingEvery(1_000);

async function loadPolling(up: Upstream, key: string, request: CompletionRequest, pollMs: number): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const giveUpAt = Date.now() + lockWaitMs;
  for (;;) {
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
    await sleep(Math.min(pollMs, Math.max(0, giveUpAt - Date.now()))); // never past lockWaitMs
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
