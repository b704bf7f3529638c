import type { Response } from 'express';
import type { Decision } from '../../../labs/10-rate-limiting/src/contract.js';

// #region headers
/** The RateLimit-* fields of the IETF draft, and Retry-After on a refusal. */
export function describeBudget(res: Response, decision: Decision): void {
  if (decision.outcome !== 'allowed' && decision.outcome !== 'limited') return;
  res.set({
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  });
  if (decision.outcome === 'limited') {
    res.set('Retry-After', String(decision.resetSeconds));
  }
}
// #endregion headers
