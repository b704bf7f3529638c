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
import type { Response } from 'express';
import type { Decision } from '../../../labs/10-rate-limiting/src/contract.js';

/** The RateLimit-* fields of the IETF draft, and Retry-After on a refusal. */
export function describeBudget(res: Response, decision: Decision): void {
  if (decision.outcome !== 'limited') return;
  res.set({
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  });
  if (decision.outcome === 'limited') {
    res.set('Retry-After', String(decision.resetSeconds));
  }
}
