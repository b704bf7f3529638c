// The contract the suite tests, shared with the reference solution: the app's options,
// what a session holds, the constants, the user lookup and the account pages behind the
// login. Keep it as it is; the work is in app.ts, session.ts, login.ts and logout.ts.
import express, { type Router } from 'express';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

declare module 'express-session' {
  interface SessionData {
    /** Set at login. The only fact about the user the session keeps; the rest is in Postgres. */
    userId: number;
    /** Product ids put in the cart, before or after logging in. */
    cart: number[];
  }
}

export interface SessionAppOptions {
  /** The process's one shared Redis client. Every instance of the app gets its own. */
  redis: Redis;
  /** The Postgres pool; table `users(id, email)`. */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:06:ab12cd34:`. */
  keyPrefix: string;
  /** Signs the session cookie. Every instance of the app is given the same one. */
  secret: string;
  /** How long a session lives without activity. Default SESSION_MAX_AGE_MS. */
  maxAgeMs?: number;
  /** True when one reverse proxy that terminates TLS sits in front and sets X-Forwarded-Proto. */
  trustProxy?: boolean;
}

/** The session cookie's name (not express-session's default `connect.sid`, which names the stack). */
export const SESSION_COOKIE = 'sid';
/** Fifteen minutes, renewed by activity (lesson 02's table: sessions must be live, short TTL, sliding). */
export const SESSION_MAX_AGE_MS = 15 * 60 * 1000;
/** A session lives in Redis at `${keyPrefix}${SESSION_KEY_SEGMENT}<session id>`. */
export const SESSION_KEY_SEGMENT = 'sess:';

export interface User {
  id: number;
  email: string;
}

/** The source of truth for who exists: one SELECT on `users`. */
export async function findUser(db: Pool, id: number): Promise<User | null> {
  if (!Number.isSafeInteger(id)) return null;
  const { rows } = await db.query<User>('SELECT id, email FROM users WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/**
 * The pages behind the session, given: they only read and write `req.session`.
 *   GET  /me    200 { userId, email } for a logged-in user, else 401
 *   GET  /cart  200 { items }, logged in or not
 *   POST /cart  { productId } adds one item; 200 { items }
 */
export function accountRoutes(db: Pool): Router {
  const routes = express.Router();
  routes.get('/me', async (req, res) => {
    const user = req.session.userId === undefined ? null : await findUser(db, req.session.userId);
    if (!user) {
      res.status(401).json({ error: 'not logged in' });
      return;
    }
    res.json({ userId: user.id, email: user.email });
  });
  routes.get('/cart', (req, res) => {
    res.json({ items: req.session.cart ?? [] });
  });
  routes.post('/cart', (req, res) => {
    const productId = Number((req.body as { productId?: unknown } | undefined)?.productId);
    if (!Number.isSafeInteger(productId) || productId < 1) {
      res.status(400).json({ error: 'productId must be a positive integer' });
      return;
    }
    req.session.cart = [...(req.session.cart ?? []), productId];
    res.json({ items: req.session.cart });
  });
  return routes;
}
