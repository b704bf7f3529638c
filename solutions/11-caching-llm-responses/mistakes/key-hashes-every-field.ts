/**
 * Mistake: every field of the request is hashed, user and metadata included
 * Replaces: request-key.ts
 * Caught by: 11.2
 *
 * "Hash everything, then nothing can be forgotten" is a safe-sounding rule, and the
 * normalisation is right. But `user` names the end user and `metadata` tags the page:
 * neither changes what the model answers, and with them in the key every user has a cache
 * of their own. The hit ratio of a FAQ bot drops to almost nothing.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const everything = { ...request, ...normalise(request) };
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, request: everything })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
