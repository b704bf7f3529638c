/**
 * Mistake: the canonical form sorts arrays as well as object keys
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * "Sort at every level" is the usual recipe for canonical JSON, and it makes the key
 * indifferent to how a client happened to list things. But a conversation is a sequence:
 * the model reads its turns in order, and "Hi" asked after the question is another
 * conversation than "Hi" asked before it. Sorting the messages gives both one entry, and
 * the second conversation is served the first one's answer. Only object keys are unordered.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { normalise } from '../src/request-key.js';

/** JSON with object keys and array items sorted, so no order reaches the hash. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).sort().join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record).filter((field) => record[field] !== undefined).sort();
    return `{${fields.map((f) => `${JSON.stringify(f)}:${sortedJson(record[f])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const form = streamed ? { stream: true } : {};
  const digest = createHmac('sha256', secret).update(sortedJson({ tenant, request: normalise(request), ...form })).digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
