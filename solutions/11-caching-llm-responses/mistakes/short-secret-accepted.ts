/**
 * Mistake: a short secret is padded up to 32 bytes instead of refused
 * Replaces: completion-cache.ts
 * Caught by: 11.5
 *
 * Padding keeps the service starting whatever the configuration holds, and the HMAC is
 * computed correctly, so the keys look keyed. But a deployment that forgot to set the
 * variable now runs with "" or "changeme" plus dots, and an HMAC under a guessable key is
 * a plain hash again: whoever sees the keys confirms prompts by hashing guesses. Refuse
 * fewer than MIN_SECRET_BYTES, so the mistake shows at boot.
 */
import type { CompletionCache, CompletionCacheOptions } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { createCompletionCache as checked } from '../src/completion-cache.js';

export function createCompletionCache(options: CompletionCacheOptions): CompletionCache {
  return checked({ ...options, secret: options.secret.padEnd(32, '.') });
}
