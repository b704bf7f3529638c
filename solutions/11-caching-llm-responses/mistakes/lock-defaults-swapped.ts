/**
 * Mistake: the lock's defaults are swapped: it expires after 20 s, and waiters wait 30 s
 * Replaces: completion-cache.ts
 * Caught by: 11.13
 *
 * Both numbers are "about half a minute", and a waiter that waits longer than the lock
 * lives sounds thorough. But the lock is meant to outlive a slow call (30 s) and the
 * waiters to give up first (20 s): swapped, a call that takes 25 s loses its lock midway,
 * another process pays for the same question, and a hung provider holds every waiter for
 * 30 s. The defaults are the contract's (cacheSettings), not numbers of one's own.
 */
import type { CompletionCache, CompletionCacheOptions } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { createCompletionCache as solution } from '../src/completion-cache.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  return solution({ ...options, lockTtlMs: options.lockTtlMs ?? 20_000, lockWaitMs: options.lockWaitMs ?? 30_000 });
}
