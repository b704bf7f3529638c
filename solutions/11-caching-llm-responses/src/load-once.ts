// A miss pays for one upstream call across every process: the first takes a lock, the
// others wait (bounded) for its answer to appear.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type {
  ChatCompletion,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { AnswerStore } from './answer-store.js';
import { bounded } from './bounded.js';
import { tryLock, unlock, type FlightLock } from './flight-lock.js';

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
  try {
    // Someone may have stored it between our miss and our lock.
    return (await up.store.read(key)) ?? (await askAndStore(up, key, request));
  } finally {
    const release = bounded(unlock(up.redis, lock), up.settings.redisTimeoutMs);
    await release.catch(() => {}); // if it fails, the lock's TTL frees it
  }
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
