/**
 * Mistake: a streamed question is stored under the same key as the question asked whole
 * Replaces: request-key.ts
 * Caught by: 11.22
 *
 * `stream` is not in ANSWER_FIELDS, and rightly so: it does not change what the model
 * says. So the stream and the whole answer get one key, which sounds like more hits. But
 * one entry holds chunks and the other a completion: each form reads the other's entry as
 * unreadable, pays, and overwrites it, so a question asked both ways is never a hit.
 * Either keep two entries, or store one form that serves both.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as keyed } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  return keyed(keyPrefix, tenant, request, secret);
}
