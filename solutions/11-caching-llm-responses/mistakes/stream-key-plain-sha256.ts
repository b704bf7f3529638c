/**
 * Mistake: a stream's digest is a plain SHA-256, without the secret
 * Replaces: request-key.ts
 * Caught by: 11.5
 *
 * The whole answers are keyed with the HMAC, and the stream key was written apart, as a
 * hash of the same normalised request plus a stream flag. It looks the same in a SCAN:
 * 64 hex characters. But whoever reads keys can hash a guessed prompt and find the
 * stream that asked it, and two deployments with different secrets share stream keys.
 * Every digest, streamed or whole, is an HMAC under the secret.
 */
import { createHash } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, completionKey as keyed, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!streamed) return keyed(keyPrefix, tenant, request, secret);
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const text = canonicalJson({ tenant, request: normalise(request), stream: true });
  return answerKey(keyPrefix, tenant, createHash('sha256').update(text).digest('hex'));
}
