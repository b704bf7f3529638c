/**
 * Mistake: a stream's key is the HMAC of the request as sent
 * Replaces: request-key.ts
 * Caught by: 11.22
 *
 * The streaming path got a key of its own, keyed, per tenant, apart from the whole
 * answers', so every check on a stream's key material passes: the model, each parameter,
 * the tenant, the secret. But nothing is normalised: field order, CRLF, the Unicode form,
 * "END" against ["END"], `user` and `metadata` each split a streamed question into entries
 * of its own, and a chat screen, whose clients differ in exactly these ways, rarely hits.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!streamed) return exact(keyPrefix, tenant, request, secret);
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const digest = createHmac('sha256', secret).update(JSON.stringify({ tenant, request, stream: true })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
