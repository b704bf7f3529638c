/**
 * Mistake: the HMAC of JSON.stringify(request), without normalising first
 * Replaces: request-key.ts
 * Caught by: 11.2
 *
 * The key is keyed, per tenant and 64 hex characters long, so it passes a glance. But
 * JSON.stringify writes fields in the order the caller built the object, and keeps every
 * blank, CRLF and Unicode form as typed: two callers asking the same question rarely
 * produce the same bytes, so the hit ratio collapses. `user` and `metadata`, which do not
 * change the answer, split entries further.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const digest = createHmac('sha256', secret).update(JSON.stringify({ tenant, request })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
