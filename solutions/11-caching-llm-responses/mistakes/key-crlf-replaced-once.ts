/**
 * Mistake: only the first CRLF of a text becomes LF
 * Replaces: request-key.ts
 * Caught by: 11.2, 11.22
 *
 * `text.replace('\r\n', '\n')` reads like "CRLF to LF", and a two-line question typed on
 * Windows passes. But replace with a string pattern replaces the first match only: a
 * prompt of three lines keeps its second CRLF, and misses the entry the same prompt from
 * a Mac stored. Replace every one (a /g pattern, or replaceAll).
 */
import { createHmac } from 'node:crypto';
import { ANSWER_FIELDS, API_DEFAULT_TEMPERATURE, TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson } from '../src/request-key.js';

export { canonicalJson } from '../src/request-key.js';

const cleanText = (text: string) => text.normalize('NFC').replace('\r\n', '\n').trim();

export function normalise(request: CompletionRequest): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of ANSWER_FIELDS) picked[field] = request[field];
  return {
    ...picked,
    messages: request.messages.map((m) => ({ ...m, content: cleanText(m.content) })),
    temperature: request.temperature ?? API_DEFAULT_TEMPERATURE,
    stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
  };
}

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const text = canonicalJson({ tenant, request: normalise(request), ...(streamed ? { stream: true } : {}) });
  return answerKey(keyPrefix, tenant, createHmac('sha256', secret).update(text).digest('hex'));
}
