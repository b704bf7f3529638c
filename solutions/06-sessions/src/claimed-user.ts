import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { findUser, type User } from '../../../labs/06-sessions/src/contract.js';

/**
 * The user POST /login names, as Postgres knows them. For anyone else it answers 401 and
 * returns null, having touched nothing: a failed login changes no session.
 */
export async function claimedUser(db: Pool, req: Request, res: Response): Promise<User | null> {
  const user = await findUser(db, Number((req.body as { userId?: unknown } | undefined)?.userId));
  if (!user) res.status(401).json({ error: 'unknown user' });
  return user;
}
