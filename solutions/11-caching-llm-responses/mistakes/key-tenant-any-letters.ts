/**
 * Mistake: a tenant id may hold letters and digits of any script
 * Replaces: request-key.ts
 * Caught by: 11.4, 11.22
 *
 * What makes an id unsafe in a key seemed to be punctuation (":" splits the layout, "*"
 * widens a SCAN MATCH), so letters of any script looked harmless, and customers called
 * "Café Noir" exist. But an id is read by people too, in logs, ACL rules and the SCAN
 * MATCH that deletes a tenant's keys: a Cyrillic "а" makes "аcme" a second tenant that
 * looks exactly like "acme", and a segment of 64 characters is no longer 64 bytes.
 * TENANT_ID is the contract: ASCII letters, digits, "_" and "-", checked before any key
 * is built.
 */
import { createHmac } from 'node:crypto';
import { answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

const ANY_LETTERS = /^[\p{L}\p{N}_-]{1,64}$/u;

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!ANY_LETTERS.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const form = streamed ? { stream: true } : {};
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, request: normalise(request), ...form })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
