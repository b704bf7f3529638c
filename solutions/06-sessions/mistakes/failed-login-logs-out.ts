/**
 * Mistake: a failed login logs out whoever was logged in
 * Replaces: claimed-user.ts
 * Caught by: 06.8
 *
 * "Whoever is typing now is not the user this session belongs to" feels like the safe
 * reading of a failed login. But a typo in a second account's id is not an attack, and
 * the session is the user's, not the form's: a failed login stores nothing and ends
 * nothing. Ending sessions on suspicion belongs in a lockout policy, with its own rules.
 */
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { findUser, type User } from '../../../labs/06-sessions/src/contract.js';

export async function claimedUser(db: Pool, req: Request, res: Response): Promise<User | null> {
  const user = await findUser(db, Number((req.body as { userId?: unknown } | undefined)?.userId));
  if (!user) {
    delete req.session.userId;
    res.status(401).json({ error: 'unknown user' });
  }
  return user;
}
