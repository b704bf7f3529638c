/**
 * Mistake: every ending is kept but "length" and "content_filter"
 * Replaces: cacheable.ts
 * Caught by: 11.7, 11.22, 11.23
 *
 * The rule checks everything else an allow-list does (one choice, no refusal, text
 * present) and names the two endings the docs call failures, so it looks complete. But a
 * turn that ends with "tool_calls" (or the older "function_call") is not an answer: the
 * model asks the app to run a tool, and its text is a preamble ("Let me check the
 * catalogue."). Replayed, the next caller gets half a turn, and no tool call. Allow
 * "stop" alone, and every ending nobody thought of stays out.
 */
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';

export { isSampled } from '../src/cacheable.js';

export function isCacheable(completion: ChatCompletion): boolean {
  const [choice, ...more] = completion.choices;
  if (!choice || more.length > 0) return false;
  if (choice.finish_reason === 'length' || choice.finish_reason === 'content_filter') return false;
  const { content, refusal } = choice.message;
  return !refusal && typeof content === 'string' && content.trim() !== '';
}
