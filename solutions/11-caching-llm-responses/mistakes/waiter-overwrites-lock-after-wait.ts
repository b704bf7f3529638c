/**
 * Mistake: a waiter whose lockWaitMs ran out takes the lock by force
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * The holder looks dead, so the waiter makes itself the holder: SET without NX, its own
 * token, a fresh lockTtlMs, then the usual call, store and release. It feels tidier than
 * calling without the lock, and the waiter's own request is answered like any. But the
 * holder is only slow: its lock now carries another token, so its release cannot delete
 * it, and the waiter's release deletes the lock while the holder's call still runs,
 * freeing the question for every other process. Give up by calling without the lock.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock, type FlightLock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

async function asHolder(up: Upstream, lock: FlightLock, key: string, request: CompletionRequest) {
  try {
    const found = await up.store.read(key);
    if (found) return found;
    const completion = await up.ask(request);
    await up.store.write(key, completion);
    return completion;
  } finally {
    await bounded(unlock(up.redis, lock), up.settings.redisTimeoutMs).catch(() => {});
  }
}

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const giveUpAt = Date.now() + lockWaitMs;
  for (;;) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) return asHolder(up, lock, key, request);
    if (Date.now() >= giveUpAt) {
      const seized = { key: `${key}:lock`, token: randomUUID() };
      await bounded(up.redis.set(seized.key, seized.token, 'PX', lockTtlMs), redisTimeoutMs).catch(() => {});
      return asHolder(up, seized, key, request);
    }
    await sleep(20);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
