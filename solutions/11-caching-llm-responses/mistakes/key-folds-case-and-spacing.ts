/**
 * Mistake: "normalising" the prompt's meaning away: lower case, inner spacing collapsed
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * More requests share an entry, so the hit ratio goes up, and the change looks like the
 * trimming the lesson recommends. But the model sees case and spacing: "US" is not "us",
 * and code or a poem keeps its layout for a reason. The cache now answers a question
 * nobody asked; it may only remove differences that cannot change the answer.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`tenant id ${JSON.stringify(tenant)} is not safe in a key`);
  const loose = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
  const folded = { ...request, messages: request.messages.map((m) => ({ ...m, content: loose(m.content) })) };
  const digest = createHmac('sha256', secret).update(canonicalJson({ tenant, request: normalise(folded) })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
