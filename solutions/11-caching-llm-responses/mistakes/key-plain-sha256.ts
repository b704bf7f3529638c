/**
 * Mistake: a plain SHA-256 of the normalised request, with no secret
 * Replaces: request-key.ts
 * Caught by: 11.5
 *
 * The digest hides the prompt's text and has the right length, so the key looks safe in
 * a SCAN. It is not a secret, though: the normalisation is in the code, so whoever reads
 * keys (a slow log, MONITOR, a shared dashboard) can hash a guessed prompt ("Is my visa
 * application still pending?") and confirm who asked it. Keyed with the server's secret,
 * a guess gives nothing.
 */
import { createHash } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  void secret;
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const digest = createHash('sha256').update(canonicalJson({ tenant, request: normalise(request) })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
