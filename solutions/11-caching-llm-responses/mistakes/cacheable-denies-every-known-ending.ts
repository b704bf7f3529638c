/**
 * Mistake: every finish_reason the docs list as "not an answer" is denied, and anything else kept
 * Replaces: cacheable.ts
 * Caught by: 11.7, 11.23
 *
 * A deny-list of every ending the API documents besides "stop" ("length",
 * "content_filter", "tool_calls", "function_call", and no reason at all) catches every
 * ending anyone can name today, so it behaves exactly like the allow-list. Until the API
 * adds one: a new ending ("pause_turn", say) means something other than "done", and it is
 * kept and replayed for the whole TTL. Allow "stop" alone, and every ending nobody
 * thought of stays out.
 */
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';

export { isSampled } from '../src/cacheable.js';

const NOT_AN_ANSWER = new Set(['length', 'content_filter', 'tool_calls', 'function_call']);

export function isCacheable(completion: ChatCompletion): boolean {
  const [choice, ...more] = completion.choices;
  if (!choice || more.length > 0 || !choice.finish_reason || NOT_AN_ANSWER.has(choice.finish_reason)) return false;
  const { content, refusal } = choice.message;
  return !refusal && typeof content === 'string' && content.trim() !== '';
}
