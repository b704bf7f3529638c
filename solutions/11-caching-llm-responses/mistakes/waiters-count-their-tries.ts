/**
 * Mistake: lockWaitMs is turned into a number of tries
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * lockWaitMs / POLL_MS tries of POLL_MS each add up to lockWaitMs, so counting them looks
 * like the same bound without a clock. But each try also costs its Redis round trips, and
 * a timer fires late on a busy process: on a Redis that takes 60 ms a command, a 500 ms
 * wait lasts well over a second, and the slower Redis gets, the longer every waiter hangs
 * behind a dead holder. Note the time you began and compare with it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

const POLL_MS = 50;

async function askAndStore(up: Upstream, key: string, request: CompletionRequest) {
  const completion = await up.ask(request);
  await up.store.write(key, completion);
  return completion;
}

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const { lockTtlMs, lockWaitMs, redisTimeoutMs } = up.settings;
  for (let triesLeft = Math.ceil(lockWaitMs / POLL_MS); ; triesLeft -= 1) {
    const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
    if (lock === undefined) return up.ask(request);
    if (lock) {
      try {
        return (await up.store.read(key)) ?? (await askAndStore(up, key, request));
      } finally {
        await bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
      }
    }
    if (triesLeft <= 0) return askAndStore(up, key, request);
    await sleep(POLL_MS);
    const found = await up.store.read(key);
    if (found) return found;
    if (found === undefined) return up.ask(request);
  }
}
