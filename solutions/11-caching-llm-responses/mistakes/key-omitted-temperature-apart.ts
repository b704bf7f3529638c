/**
 * Mistake: an omitted temperature and an explicit 1 hash differently
 * Replaces: request-key.ts
 * Caught by: 11.9
 *
 * The request is hashed as sent, minus the fields that do not matter, which is what the
 * lesson asks. But the API reads a missing temperature as 1, so the two requests ask the
 * model exactly the same thing and should share an entry; write the default in before
 * hashing, as for any parameter with a default.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const asSent = { ...normalise(request), temperature: request.temperature };
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, request: asSent })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
