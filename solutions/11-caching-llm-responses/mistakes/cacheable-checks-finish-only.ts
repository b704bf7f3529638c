/**
 * Mistake: an answer is cacheable when finish_reason is "stop", and nothing else is checked
 * Replaces: cacheable.ts
 * Caught by: 11.7
 *
 * "stop" means the model finished, so this looks like the allow-list the lesson asks for,
 * and it does keep truncated and filtered answers out. But a refusal also finishes with
 * "stop": the refusal text sits in message.refusal and content is null or a polite
 * "Sorry.". So do empty answers. Cached, one refusal becomes everyone's answer.
 */
import { API_DEFAULT_TEMPERATURE, type ChatCompletion, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';

export const isSampled = (request: CompletionRequest): boolean =>
  (request.temperature ?? API_DEFAULT_TEMPERATURE) > 0;

export function isCacheable(completion: ChatCompletion): boolean {
  return completion.choices[0]?.finish_reason === 'stop';
}
