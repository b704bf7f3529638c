/**
 * Mistake: the default temperature is filled in with ||, so 0 hashes as 1
 * Replaces: request-key.ts
 * Caught by: 11.9
 *
 * `request.temperature || 1` reads like "the temperature, or the API's default", and
 * without cacheSampled nobody notices: a temperature-0 request is still cached, under a
 * key that says 1. With cacheSampled, the deterministic question and the sampled one
 * share an entry, and whichever came first answers both. 0 is a value: fill in the
 * default only when the field is absent (??).
 */
import { API_DEFAULT_TEMPERATURE, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  const temperature = request.temperature || API_DEFAULT_TEMPERATURE;
  return exact(keyPrefix, tenant, { ...request, temperature }, secret, streamed);
}
