// What may be replayed to the next caller: an allow-list, not a list of known failures.
import {
  API_DEFAULT_TEMPERATURE,
  type ChatCompletion,
  type CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';

// #region cacheable
/** The model samples: the same request may get another answer. Omitted means 1. */
export const isSampled = (request: CompletionRequest): boolean =>
  (request.temperature ?? API_DEFAULT_TEMPERATURE) > 0;

/** A complete, normal answer: one choice, ended by "stop", text present, no refusal. */
export function isCacheable(completion: ChatCompletion): boolean {
  const [choice, ...more] = completion.choices;
  if (!choice || more.length > 0 || choice.finish_reason !== 'stop') return false;
  const { content, refusal } = choice.message;
  return !refusal && typeof content === 'string' && content.trim() !== '';
}
// #endregion cacheable
