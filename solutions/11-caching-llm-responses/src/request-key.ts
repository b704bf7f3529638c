// The cache key of a completion: an HMAC of the normalised request and the tenant, so
// equal questions share an entry, different ones never do, and nobody without the
// secret can tell which prompt a key stands for.
import { createHmac } from 'node:crypto';
import {
  ANSWER_FIELDS,
  API_DEFAULT_TEMPERATURE,
  TENANT_ID,
  answerKey,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';

// #region normalise
/** What cannot change the answer: Unicode form, line endings, outer blanks. */
const cleanText = (text: string): string =>
  text.normalize('NFC').replace(/\r\n?/g, '\n').trim();

/** The fields that change the answer, each written one way only. */
export function normalise(request: CompletionRequest): Record<string, unknown> {
  const picked: Record<string, unknown> = {}; // user and metadata stay out
  for (const field of ANSWER_FIELDS) picked[field] = request[field];
  return {
    ...picked,
    messages: request.messages.map((m) => ({ ...m, content: cleanText(m.content) })),
    temperature: request.temperature ?? API_DEFAULT_TEMPERATURE,
    stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
  };
}

/** JSON with every object's keys sorted, so property order never reaches the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record).filter((field) => record[field] !== undefined);
    const pair = (f: string) => `${JSON.stringify(f)}:${canonicalJson(record[f])}`;
    return `{${fields.sort().map(pair).join(',')}}`;
  }
  return JSON.stringify(value);
}
// #endregion normalise

// #region key
export function completionKey(
  keyPrefix: string,
  tenant: string,
  request: CompletionRequest,
  secret: string,
  streamed = false,
): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  // A streamed answer is kept as its chunks, a whole one as the completion: two entries.
  const form = streamed ? { stream: true } : {};
  const digest = createHmac('sha256', secret)
    .update(canonicalJson({ tenant, request: normalise(request), ...form }))
    .digest('hex');
  return answerKey(keyPrefix, tenant, digest);
}
// #endregion key
