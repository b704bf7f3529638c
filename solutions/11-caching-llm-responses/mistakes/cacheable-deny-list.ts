/**
 * Mistake: everything is cacheable except a truncated answer
 * Replaces: cacheable.ts
 * Caught by: 11.7
 *
 * A deny-list of the one failure the author had met: finish_reason "length". Content
 * filters, refusals and empty answers arrive as normal 200 responses too, and each is
 * replayed to every later caller for the whole TTL. An allow-list ("stop", text present,
 * no refusal) keeps out the failures nobody thought of.
 */
import { API_DEFAULT_TEMPERATURE, type ChatCompletion, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';

export const isSampled = (request: CompletionRequest): boolean =>
  (request.temperature ?? API_DEFAULT_TEMPERATURE) > 0;

export function isCacheable(completion: ChatCompletion): boolean {
  return completion.choices[0]?.finish_reason !== 'length';
}
