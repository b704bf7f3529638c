/**
 * Mistake: a stream's key leaves the temperature out
 * Replaces: request-key.ts
 * Caught by: 11.23
 *
 * Only temperature-0 streams are cached, so the temperature in a stream's key is always
 * the same, and leaving it out looks harmless. With cacheSampled it is not: a stream at
 * 0.2 replays the one sampled at 0.7, the answer of another setting. The temperature is
 * part of the question whenever a sample may be kept.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!streamed) return exact(keyPrefix, tenant, request, secret);
  return exact(keyPrefix, tenant, { ...request, temperature: undefined }, secret, true);
}
