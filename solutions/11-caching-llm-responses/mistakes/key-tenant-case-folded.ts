/**
 * Mistake: tenant ids are folded to lower case, in the key and in the hash
 * Replaces: request-key.ts
 * Caught by: 11.4
 *
 * Folding case is what one does with e-mail domains and user names typed by people, so
 * "Acme" and "acme" look like one customer spelt two ways. But a tenant id is an
 * identifier the platform issued, compared as it is everywhere else (TENANT_ID allows
 * both cases, so both may exist): folding it makes two customers share entries, each
 * served answers built from the other's documents.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  return exact(keyPrefix, tenant.toLowerCase(), request, secret, streamed);
}
