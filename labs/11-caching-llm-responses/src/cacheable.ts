// What may be replayed to the next caller. The interface lives in contract.ts.
import type { ChatCompletion } from './contract.js';

/** True when `completion` may be served to the next caller who asks the same. */
export function isCacheable(completion: ChatCompletion): boolean {
  // TODO(11): the model answered, but did it finish? Truncated, filtered, refused and
  // empty answers all arrive as a normal response, with status 200.
  return completion.choices.length > 0;
}
