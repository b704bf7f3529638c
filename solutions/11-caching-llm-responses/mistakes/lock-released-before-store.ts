/**
 * Mistake: the lock is released before the answer is stored
 * Replaces: load-once.ts
 * Caught by: 11.20
 *
 * Letting go of the lock as soon as the model has answered looks considerate: the others
 * stop waiting sooner. But for the moment between the release and the SET, the question
 * is neither locked nor answered. A waiter that polls in that moment takes the lock,
 * reads the cache (still empty) and pays for a second call. Store, then release.
 */
// A miss pays for one upstream call across every process: the first takes a lock, the
// others wait (bounded) for its answer to appear.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type {
  ChatCompletion,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { AnswerStore } from '../src/answer-store.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock, type FlightLock } from '../src/flight-lock.js';

/** How often a request waiting for another process's call looks for its answer. */
const POLL_MS = 20;

export interface Upstream {
  redis: Redis;
  store: AnswerStore;
  settings: { lockTtlMs: number; lockWaitMs: number; redisTimeoutMs: number };
  ask(request: CompletionRequest): Promise<ChatCompletion>;
}

// #region load-once
async function askAndStore(up: Upstream, key: string, request: CompletionRequest) {
  const completion = await up.ask(request); // an API error propagates, nothing is stored
  await up.store.write(key, completion);
  return completion;
}

async function asHolder(
  up: Upstream,
  lock: FlightLock,
  key: string,
  request: CompletionRequest,
): Promise<ChatCompletion> {
  let completion: ChatCompletion;
  try {
    const found = await up.store.read(key);
    if (found) return found;
    completion = await up.ask(request);
  } finally {
    await bounded(unlock(up.redis, lock), up.settings.redisTimeoutMs).catch(() => {});
  }
  await up.store.write(key, completion);
  return completion;
}

export async function loadOnce(
  up: Upstream,
  key: string,
  request: CompletionRequest,
): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  const giveUpAt = Date.now() + lockWaitMs;
  for (;;) {
    let lock: FlightLock | null;
    try {
      lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs);
    } catch {
      return up.ask(request); // Redis is failing: answer without it
    }
    if (lock) return asHolder(up, lock, key, request);
    if (Date.now() >= giveUpAt) return askAndStore(up, key, request); // holder too slow
    await sleep(POLL_MS);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
// #endregion load-once
