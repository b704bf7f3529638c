/**
 * Mistake: the model name is lower-cased before it is hashed
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * Model names are written in lower case in the docs, so "GPT-4o-mini-2024-07-18" looks
 * like a typo of the same model, and folding it raises the hit ratio. But the cache does
 * not know how the provider (or a gateway, or a fine-tune's owner) resolves a name: the
 * request names what it names, and it may be answered by another model or refused. The
 * key holds the model as given; only the differences the README lists are normalised.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  return exact(keyPrefix, tenant, { ...request, model: request.model.toLowerCase() }, secret, streamed);
}
