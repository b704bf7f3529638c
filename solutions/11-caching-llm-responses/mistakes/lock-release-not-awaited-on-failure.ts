/**
 * Mistake: when the call fails, the lock is released in the background
 * Replaces: load-once.ts
 * Caught by: 11.12
 *
 * On success the release is awaited, as the lesson says. On failure the error is what the
 * caller is waiting for, and the lock's TTL covers a release that goes wrong, so the catch
 * sends the release and rethrows at once. But complete() then rejects while the lock may
 * still be held: a caller that retries at once finds its own question locked, by nobody,
 * and waits, on exactly the path where the provider is already failing. Await the
 * release (bounded) whichever way the call ends.
 */
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from '../src/bounded.js';
import { tryLock, unlock } from '../src/flight-lock.js';
import { loadOnce as exact, type Upstream } from '../src/load-once.js';

export type { Upstream };

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const { lockTtlMs, redisTimeoutMs } = up.settings;
  const lock = await bounded(tryLock(up.redis, `${key}:lock`, lockTtlMs), redisTimeoutMs).catch(() => undefined);
  if (lock === undefined) return up.ask(request);
  if (!lock) return exact(up, key, request); // another process holds it: wait as the solution does
  const release = () => bounded(unlock(up.redis, lock), redisTimeoutMs).catch(() => {});
  let completion: ChatCompletion;
  try {
    const found = await up.store.read(key);
    completion = found ?? (await up.ask(request));
    if (!found) await up.store.write(key, completion);
  } catch (error) {
    void release(); // the TTL frees it if this fails
    throw error;
  }
  await release();
  return completion;
}
