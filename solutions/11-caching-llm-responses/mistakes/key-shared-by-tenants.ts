/**
 * Mistake: one shared entry per question for every tenant, to raise the hit ratio
 * Replaces: request-key.ts
 * Caught by: 11.4
 *
 * "The same question gets the same answer whoever asks" is true of a public FAQ, and
 * sharing entries across customers multiplies the hits. But prompts carry each customer's
 * own documents and data, and the answer is built from them: customer B is served an
 * answer written from customer A's data. The tenant belongs in the key and in the hash.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const digest = createHmac('sha256', secret).update(canonicalJson(normalise(request))).digest('hex');
  return answerKey(keyPrefix, 'shared', digest);
}
