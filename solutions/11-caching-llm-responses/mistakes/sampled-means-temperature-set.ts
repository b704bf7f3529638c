/**
 * Mistake: a request without a temperature counts as deterministic
 * Replaces: cacheable.ts
 * Caught by: 11.8
 *
 * `(request.temperature ?? 0) > 0` reads naturally: no temperature, no sampling. The API
 * reads it the other way: a missing temperature is 1, the default, fully sampled. Most
 * apps never set it, so most requests are sampled, and this caches them all.
 */
import { type ChatCompletion, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { isCacheable as complete } from '../src/cacheable.js';

export const isSampled = (request: CompletionRequest): boolean => (request.temperature ?? 0) > 0;

export const isCacheable = (completion: ChatCompletion): boolean => complete(completion);
