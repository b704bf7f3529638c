// Lab 06 checks, part 1: where sessions live and how long. Run: npm test labs/06-sessions
// The suite speaks HTTP to running instances of the app (a cookie jar stands for the
// browser) and reads what Redis holds; it never looks inside the app.
import { describe, expect, it } from 'vitest';
import { CookieJar, cookieExpiresAt, removesCookie, serve, type HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_KEY_SEGMENT, type SessionAppOptions } from './src/contract.js';

const lab = useLab('06');
const LESSON = 'Lesson 06, Sessions in Redis';
const SECRET = 'lab-06: one secret, shared by every instance';
/** Short enough to tell apart from a default (a day) or a unit slip (6000 s), long enough not to expire mid-check. */
const MAX_AGE_MS = 6_000;

/**
 * One instance of the app on its own port, with its own Redis connection: one process.
 * Like production, it sits behind a load balancer that terminates TLS: the app is told
 * so (trustProxy), and every request carries the X-Forwarded-Proto the balancer adds.
 */
function startInstance(overrides: Partial<SessionAppOptions> = {}) {
  const redis = overrides.redis ?? lab.redis.client();
  const options = { redis, db: lab.db.pool, keyPrefix: lab.redis.prefix, secret: SECRET, maxAgeMs: MAX_AGE_MS, trustProxy: true };
  return serve(createSessionApp({ ...options, ...overrides }));
}

/** A browser (a cookie jar) whose requests reach the app through that balancer. */
const browserWith = (cookies: Record<string, string> = {}) => new CookieJar(cookies, { 'X-Forwarded-Proto': 'https' });

/** The session id inside a signed express-session cookie (`s:<id>.<signature>`, URL-encoded). */
function sessionIdOf(cookieValue: string | undefined): string | undefined {
  return cookieValue === undefined ? undefined : /^s:([^.]+)\./.exec(decodeURIComponent(cookieValue))?.[1];
}

/** The Redis key of the session the browser's cookie points at, and its PTTL (-2: no such key). */
async function sessionKeyOf(browser: CookieJar) {
  const key = lab.redis.key(SESSION_KEY_SEGMENT + (sessionIdOf(browser.get(SESSION_COOKIE)) ?? '(no session cookie)'));
  return { key, pttlMs: await lab.redis.admin.pttl(key) };
}

const logIn = (browser: CookieJar, base: string, userId: number) =>
  browser.request(`${base}/login`, { method: 'POST', json: { userId } });

/** One instance, a browser logged in on it as `userId`, and the Redis key its cookie points at. */
async function loggedInSession(userId: number) {
  const app = await startInstance();
  const browser = browserWith();
  const login = await logIn(browser, app.url, userId);
  return { app, browser, login, ...(await sessionKeyOf(browser)) };
}

/** The reply set the session cookie with an expiry about MAX_AGE_MS from now (Expires has 1 s granularity). */
function expectFreshSessionCookie(reply: HttpReply, request: string, idea: string): void {
  const cookie = reply.setCookies.find((c) => c.name === SESSION_COOKIE);
  const expiresAt = cookie && cookieExpiresAt(cookie);
  const leftMs = expiresAt === undefined ? Number.NaN : expiresAt - Date.now();
  const seen = !cookie ? `no "${SESSION_COOKIE}" cookie` : expiresAt === undefined ? `${cookie.raw}, with no expiry` : cookie.raw;
  expect(
    Math.abs(leftMs - MAX_AGE_MS) <= 2_000,
    `${request} sent ${seen}; expected the session cookie expiring in about ${MAX_AGE_MS} ms. ${idea}`,
  ).toBe(true);
}

const show = (reply: HttpReply) => `${reply.status} ${JSON.stringify(reply.body)}`;
const cookieHeaders = (reply: HttpReply) => reply.setCookies.map((c) => c.raw).join(' | ') || 'none';

describe('sessions live in Redis, not in one process', () => {
  it('06.1 a login on one instance is seen by another instance', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const browser = browserWith();
    const login = await logIn(browser, a.url, 3);
    expect(login.status, `POST /login { userId: 3 } on instance A answered ${show(login)}; expected 200.`).toBe(200);
    const me = await browser.request(`${b.url}/me`);
    expect(
      me.status,
      `The user logged in on instance A; instance B answered GET /me with ${show(me)}. A load balancer sends the next request anywhere, ` +
        `so every instance must find the session: keep it in Redis (connect-redis), not in the process (${LESSON}, "Why memory breaks").`,
    ).toBe(200);
    expect(me.body, 'instance B should know who is logged in').toMatchObject({ userId: 3 });
  });

  it('06.2 a restarted instance (new process, new Redis connection) still knows the user', async () => {
    const redis = lab.redis.client();
    const before = await startInstance({ redis });
    const browser = browserWith();
    await logIn(browser, before.url, 4);
    await before.stop();
    redis.disconnect(); // the old process is gone, and its memory with it

    const after = await startInstance();
    const me = await browser.request(`${after.url}/me`);
    expect(
      me.status,
      `After a restart GET /me answered ${show(me)}; expected 200 for user 4. A deploy must not log everyone out: ` +
        `the session has to outlive the process that created it (${LESSON}, "Why memory breaks").`,
    ).toBe(200);
    expect(me.body, 'the restarted instance should know user 4').toMatchObject({ userId: 4 });
  });

  it('06.3 an anonymous visit stores nothing: no cookie, no Redis key', async () => {
    const app = await startInstance();
    const browser = browserWith();
    const me = await browser.request(`${app.url}/me`);
    const cart = await browser.request(`${app.url}/cart`);
    expect(me.status, `GET /me without logging in answered ${show(me)}; expected 401.`).toBe(401);
    const idea = `A session is created when there is something to keep (saveUninitialized: false); otherwise every crawler and health check costs a key and a cookie (${LESSON}, "resave and saveUninitialized").`;
    const cookies = [...me.setCookies, ...cart.setCookies].map((c) => c.raw);
    expect(cookies, `GET /me and GET /cart as a visitor sent ${cookies.length} Set-Cookie header(s); expected none. ${idea}`).toEqual([]);
    const keys = await lab.redis.keys();
    expect(keys.map((k) => k.key), `Redis holds ${keys.length} key(s) after two anonymous reads; expected none. ${idea}`).toEqual([]);
  });
});

describe('a session expires with its cookie, and activity extends both', () => {
  it("06.4 the session key's TTL follows the cookie's maxAge", async () => {
    const { login, key, pttlMs } = await loggedInSession(5);
    const idea = `The key must live as long as the cookie that points at it (maxAge ${MAX_AGE_MS} ms here): longer and Redis fills with sessions nobody can use, shorter and users are logged out early. connect-redis derives the TTL from the cookie when the cookie has a maxAge (${LESSON}, "One lifetime, two places").`;
    expect(pttlMs, `PTTL ${key} is ${pttlMs} (-2: no such key, -1: never expires); expected about ${MAX_AGE_MS}. ${idea}`).toBeGreaterThanOrEqual(MAX_AGE_MS - 1_000);
    expect(pttlMs, `PTTL ${key} is ${pttlMs} ms; expected about ${MAX_AGE_MS}. ${idea}`).toBeLessThanOrEqual(MAX_AGE_MS + 1_000);

    expectFreshSessionCookie(login, 'POST /login', idea);
  });

  it('06.5 a request renews the session: the key gets its full TTL back and the cookie is re-issued', async () => {
    const { app, browser, key } = await loggedInSession(6);
    // Stand for a user who was idle: only 1.5 s of the session left.
    const pexpired = await lab.redis.admin.pexpire(key, 1_500);
    expect(pexpired, `The suite could not shorten ${key}: no session key after login (${LESSON}, "Why memory breaks").`).toBe(1);

    const me = await browser.request(`${app.url}/me`);
    expect(me.status, `GET /me while the session was alive answered ${show(me)}; expected 200.`).toBe(200);
    const pttlMs = await lab.redis.admin.pttl(key);
    const idea = `An active user stays logged in: each request restores the full ${MAX_AGE_MS} ms on both sides, the key (express-session calls the store's touch: EXPIRE) and the cookie (rolling: true re-sends it with a fresh expiry) (${LESSON}, "Sliding expiry").`;
    expect(pttlMs, `After GET /me, PTTL ${key} was ${pttlMs} ms, still near the 1500 the suite left. ${idea}`).toBeGreaterThanOrEqual(MAX_AGE_MS - 1_000);
    expectFreshSessionCookie(me, 'GET /me', `Without it the browser drops the cookie at its first expiry while Redis still holds the session. ${idea}`);
  });
});

describe('logout', () => {
  it('06.6 logout deletes the session key and expires the cookie; a copy of the old cookie no longer works', async () => {
    const { app, browser, key } = await loggedInSession(7);
    expect(await lab.redis.admin.exists(key), `After login there is no session key ${key} in Redis; the session must live in Redis (${LESSON}, "Why memory breaks").`).toBe(1);
    const stolen = browser.copy();

    const logout = await browser.request(`${app.url}/logout`, { method: 'POST' });
    expect(logout.status, `POST /logout answered ${show(logout)}; expected a 2xx.`).toBeLessThan(300);
    const idea = `Logging out ends the session on the server (req.session.destroy: DEL the key) and in the browser (res.clearCookie). Clearing only the cookie leaves the session usable by any copy of it until the TTL ends (${LESSON}, "Logging out").`;
    expect(await lab.redis.admin.exists(key), `${key} still exists after logout. ${idea}`).toBe(0);
    const cleared = logout.setCookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared && removesCookie(cleared), `POST /logout sent Set-Cookie: ${cookieHeaders(logout)}; expected one expiring "${SESSION_COOKIE}". ${idea}`).toBe(true);

    const replay = await stolen.request(`${app.url}/me`);
    expect(replay.status, `GET /me with a copy of the pre-logout cookie answered ${show(replay)}; expected 401. ${idea}`).toBe(401);
  });
});
