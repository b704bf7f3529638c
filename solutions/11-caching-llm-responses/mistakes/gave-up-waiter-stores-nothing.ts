/**
 * Mistake: a request that gave up waiting pays for its call but stores nothing
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * The holder is still busy with the same question, and will store its answer when it
 * finishes, so the one who gave up "should not overwrite it". But a holder that hangs
 * may never finish, and until it does (or its lock expires) every request for the
 * question waits lockWaitMs and pays again. The answer the waiter paid for is as good as
 * the holder's: store it like any miss's.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { loadOnce as storing, type Upstream } from '../src/load-once.js';

export type { Upstream };

export function loadOnce(up: Upstream, key: string, request: CompletionRequest) {
  const giveUpAt = Date.now() + up.settings.lockWaitMs;
  let gaveUp = false;
  const ask = (r: CompletionRequest) => ((gaveUp = Date.now() >= giveUpAt), up.ask(r));
  const write: Upstream['store']['write'] = (k, completion) => (gaveUp ? Promise.resolve() : up.store.write(k, completion));
  return storing({ ...up, ask, store: { ...up.store, write } }, key, request);
}
