/**
 * Mistake: the RateLimit fields are sent only with a 429
 * Replaces: headers.ts
 * Caught by: 10.8
 *
 * The 429 carries everything a refused client needs, so the headers seem to matter only
 * there. But the RateLimit fields exist so that a well-behaved client can slow down
 * before it is refused; sent only on the refusal, they tell it about its budget when the
 * budget is already gone.
 */
import { describeBudget as describeEveryBudget } from '../src/headers.js';

export const describeBudget: typeof describeEveryBudget = (res, decision) => {
  if (decision.outcome === 'limited') describeEveryBudget(res, decision);
};
