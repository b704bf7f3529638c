/**
 * Mistake: the key covers the model and the messages, not the parameters
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * "Same model, same conversation, same answer" sounds right, and most requests of one app
 * do use the same parameters. But a request for 50 tokens is then served the 2,000-token
 * answer, a JSON-mode request gets prose, and a seed or a stop sequence is ignored. Every
 * field that changes the answer belongs in the hash.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const { model, messages } = normalise(request);
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, model, messages })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
