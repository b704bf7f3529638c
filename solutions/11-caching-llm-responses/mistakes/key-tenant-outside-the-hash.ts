/**
 * Mistake: the tenant is in the key's readable segment but not in the hashed text
 * Replaces: request-key.ts
 * Caught by: 11.4, 11.22
 *
 * The segment already keeps tenants' entries apart, so hashing the tenant a second time
 * looks redundant. But then the digest stands for the question alone: the same digest
 * under two tenants tells anyone who can list keys (a SCAN, a slow log, a dashboard) that
 * two customers asked the same thing, and only the segment stands between them and a
 * shared entry (a tenant renamed, keys copied between tenants, a bug in one segment).
 * The README's digest covers the normalised request and the tenant.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const form = streamed ? { stream: true } : {};
  const digest = createHmac('sha256', secret).update(canonicalJson({ request: normalise(request), ...form })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
