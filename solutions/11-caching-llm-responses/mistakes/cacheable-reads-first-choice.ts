/**
 * Mistake: the first choice is judged, and the others are stored with it
 * Replaces: cacheable.ts
 * Caught by: 11.7
 *
 * Most requests ask for one choice, so `choices[0]` is "the answer" everywhere else in
 * the code. A request with n > 1 asks for several samples to pick from; the first can be
 * complete while another was cut off or refused, and freezing the set replays one
 * sampling to everyone. Keep answers with exactly one choice.
 */
import type { ChatCompletion } from '../../../labs/11-caching-llm-responses/src/contract.js';

export { isSampled } from '../src/cacheable.js';

export function isCacheable(completion: ChatCompletion): boolean {
  const choice = completion.choices[0];
  if (!choice || choice.finish_reason !== 'stop') return false;
  const { content, refusal } = choice.message;
  return !refusal && typeof content === 'string' && content.trim() !== '';
}
