/**
 * Mistake: logout ends every session of the user, on every device
 * Replaces: logout.ts
 * Caught by: 06.6
 *
 * Scanning the store for the user's other sessions looks thorough, and "log out
 * everywhere" is a real feature. But it is a different button: logging out of a laptop
 * must not log the user out of their phone. (Doing it by listing every session in Redis
 * is its own problem: a scan of the whole keyspace on a request path.)
 */
import type { RequestHandler } from 'express';
import type { SessionData, Store } from 'express-session';
import { logout as right } from '../src/logout.js';

type Stored = SessionData & { id?: string };

const allSessions = (store: Store) =>
  new Promise<Stored[]>((resolve, reject) => store.all!((error, found) => (error ? reject(error) : resolve((found as Stored[] | null) ?? []))));
const destroy = (store: Store, id: string) => new Promise<void>((resolve, reject) => store.destroy(id, (error) => (error ? reject(error) : resolve())));

export const logout: RequestHandler = async (req, res, next) => {
  const { userId } = req.session;
  if (userId !== undefined) {
    for (const other of await allSessions(req.sessionStore)) {
      if (other.userId === userId && other.id && other.id !== req.sessionID) await destroy(req.sessionStore, other.id);
    }
  }
  return right(req, res, next);
};
