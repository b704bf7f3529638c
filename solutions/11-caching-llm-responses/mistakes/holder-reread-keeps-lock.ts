/**
 * Mistake: a holder whose second read finds the answer returns without releasing its lock
 * Replaces: load-once.ts
 * Caught by: 11.18
 *
 * The release sits in the finally around the call, where the lesson puts it, and the
 * second read comes before that block: found, return, done. Nothing is paid twice, so the
 * check on paid calls passes. But the lock stays, with nobody's call behind it: every
 * process that misses the question later (after the answer expires, or when it is
 * replaced) waits out lockWaitMs, or pays alone, until lockTtlMs frees it. A holder lets
 * go however it ends, answer found or not.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock, type FlightLock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

async function asHolder(up: Upstream, lock: FlightLock, key: string, request: CompletionRequest) {
  const found = await up.store.read(key);
  if (found) return found;
  try {
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
      const completion = await up.ask(request);
      await up.store.write(key, completion);
      return completion;
    }
    await sleep(20);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
