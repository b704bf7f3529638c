/**
 * Mistake: the tenant id goes into the key unchecked
 * Replaces: request-key.ts
 * Caught by: 11.4
 *
 * The tenant comes from the caller's session, so it feels trusted, and it is hashed too,
 * so entries never mix. But it is also the key's readable segment: an id holding ":" or
 * "*" breaks the layout that a tenant's deletion relies on (SCAN MATCH
 * <prefix>llm:v1:acme:* also matches a tenant named "acme:x"), and an empty one files
 * answers under nobody. Check the id against TENANT_ID before it reaches a key.
 */
import { createHmac } from 'node:crypto';
import { answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, request: normalise(request) })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
