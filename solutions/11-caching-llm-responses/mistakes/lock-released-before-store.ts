/**
 * Mistake: the answer is stored in the background, so the lock is released before it lands
 * Replaces: load-once.ts
 * Caught by: 11.20
 *
 * Not awaiting the cache write looks like good manners: the caller gets its answer without
 * waiting on Redis, and a failed write was going to be ignored anyway. But the holder's
 * finally releases the lock at once, while the SET is still on its way. For that moment
 * the question is neither locked nor answered: a waiter that polls then takes the lock,
 * reads the cache (still empty) and pays for a second call. Store, then release.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { AnswerStore } from '../src/answer-store.js';
import { loadOnce as loadOnceAwaitingTheStore, type Upstream } from '../src/load-once.js';

export type { Upstream } from '../src/load-once.js';

export function loadOnce(up: Upstream, key: string, request: CompletionRequest) {
  const store: AnswerStore = {
    read: (entry) => up.store.read(entry),
    write: async (entry, completion) => {
      setImmediate(() => void up.store.write(entry, completion)); // fire and forget
    },
  };
  return loadOnceAwaitingTheStore({ ...up, store }, key, request);
}
