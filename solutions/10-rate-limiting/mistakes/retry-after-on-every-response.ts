/**
 * Mistake: Retry-After is set on every response, not only on the refusal
 * Replaces: headers.ts
 * Caught by: 10.8
 *
 * "The client always knows when its window frees up" sounds helpful, and the 429 still
 * carries the right value. But Retry-After tells a client to wait before it sends again;
 * on a 200 a well-behaved client (and many HTTP libraries, which honour it by themselves)
 * now pauses for seconds it did not have to. The RateLimit-* fields describe the budget;
 * Retry-After belongs to the refusal alone.
 */
import type { Response } from 'express';
import type { Decision } from '../../../labs/10-rate-limiting/src/contract.js';
import { describeBudget as describeRefusalsOnly } from '../src/headers.js';

export function describeBudget(res: Response, decision: Decision): void {
  describeRefusalsOnly(res, decision);
  if (decision.outcome === 'allowed') res.set('Retry-After', String(decision.resetSeconds));
}
