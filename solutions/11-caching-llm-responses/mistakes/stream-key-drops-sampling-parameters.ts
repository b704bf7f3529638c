/**
 * Mistake: a stream's key leaves out top_p, presence_penalty and frequency_penalty
 * Replaces: request-key.ts
 * Caught by: 11.22
 *
 * The stream's key was built from a list of "the fields that matter": the model, the
 * messages, the limits, the format. The three sampling knobs looked like tuning that a
 * cached (temperature 0) stream never uses. But they change the answer at any temperature,
 * and a stream asked with presence_penalty 0.5 replays whatever was streamed without it.
 * A stream's key covers every field in ANSWER_FIELDS, like a whole answer's.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

export { canonicalJson, normalise } from '../src/request-key.js';

const TUNING = new Set(['top_p', 'presence_penalty', 'frequency_penalty']);

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!streamed) return exact(keyPrefix, tenant, request, secret);
  const kept = Object.fromEntries(Object.entries(request).filter(([field]) => !TUNING.has(field)));
  return exact(keyPrefix, tenant, kept as CompletionRequest, secret, true);
}
