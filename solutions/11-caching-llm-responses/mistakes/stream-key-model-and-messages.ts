/**
 * Mistake: a stream's key covers the model and the messages only
 * Replaces: request-key.ts
 * Caught by: 11.22
 *
 * The streaming path got its own, simpler key: "the conversation is the question". The
 * whole answers keep every parameter apart, so the key tests pass; but a stream limited
 * to 50 tokens, or asked with another seed, stop sequence or response format, replays
 * whatever another request streamed first. A stream's key covers what a whole answer's
 * key covers.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as fullKey } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!streamed) return fullKey(keyPrefix, tenant, request, secret);
  const { model, messages } = request;
  return fullKey(keyPrefix, tenant, { model, messages }, secret, true);
}
