/**
 * Mistake: a request waits for the lock's holder as long as the lock exists
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * Waiting until the holder's answer appears (or its lock expires) makes exactly one paid
 * call, which is the point of the lock. But a provider that hangs holds its caller for
 * the whole lockTtlMs (30 s by default), and every other process queues behind it. After
 * lockWaitMs, a waiter pays for its own call.
 */
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { loadOnce as bounded, type Upstream } from '../src/load-once.js';

export type { Upstream };

export function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  return bounded({ ...up, settings: { ...up.settings, lockWaitMs: up.settings.lockTtlMs } }, key, request);
}
