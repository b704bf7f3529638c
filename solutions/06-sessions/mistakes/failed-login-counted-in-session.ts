/**
 * Mistake: a failed login is counted in the session it arrived with
 * Replaces: claimed-user.ts
 * Caught by: 06.8
 *
 * A counter of failed attempts is a reasonable start of a lockout, and the session is
 * right there. But it writes on behalf of whoever typed a wrong id, into a session that
 * may be someone else's logged-in one, and the counter resets with a new cookie anyway.
 * A failed login stores nothing; count attempts per account or per address, elsewhere.
 */
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { findUser, type User } from '../../../labs/06-sessions/src/contract.js';

export async function claimedUser(db: Pool, req: Request, res: Response): Promise<User | null> {
  const user = await findUser(db, Number((req.body as { userId?: unknown } | undefined)?.userId));
  if (!user) {
    const session = req.session as typeof req.session & { failedLogins?: number };
    const existing = session.userId !== undefined || session.cart !== undefined;
    if (existing) session.failedLogins = (session.failedLogins ?? 0) + 1;
    res.status(401).json({ error: 'unknown user' });
  }
  return user;
}
