// Lab 06 checks, part 3: logout ends the session for good, before it says so, even when
// another request is renewing it, and it owns up when Redis fails. Run: npm test labs/06-sessions
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Command } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { removesCookie, serve, type CookieJar, type HttpReply } from '../../harness/lab/http.js';
import { interleave } from '../../harness/lab/interleave.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, type SessionAppOptions } from './src/contract.js';
import { appOptions, browserWith, LESSON, post, refuseCommands, sessionKeyOf, show } from './sessions.support.js';

const lab = useLab('06');

/**
 * One instance behind a TLS-terminating balancer. Every response it sends is checked at
 * the moment it ends: `early` lists each one that ended while a Redis command its request
 * had sent was still unanswered, an effect the client would be told about before it happened.
 */
async function startInstance(overrides: Partial<SessionAppOptions> = {}) {
  const redis = overrides.redis ?? (await lab.redis.readyClient());
  const requestOf = new AsyncLocalStorage<Set<Command>>();
  wrapCommands(redis, (command, send) => {
    const pending = requestOf.getStore();
    if (pending) {
      pending.add(command);
      const answered = () => pending.delete(command);
      command.promise.then(answered, answered);
    }
    return send(command);
  });
  const app = createSessionApp(appOptions(lab, { ...overrides, redis }));
  const early: string[] = [];
  const running = await serve((req, res) => {
    const pending = new Set<Command>();
    const end = res.end;
    res.end = function (this: typeof res, ...args: unknown[]) {
      const unanswered = [...pending].map((c) => [c.name.toUpperCase(), ...c.args.map(String)].join(' ').slice(0, 100));
      if (unanswered.length > 0) early.push(`${req.method} ${req.url} answered ${res.statusCode} while Redis had not yet answered: ${unanswered.join('; ')}`);
      return (end as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.end;
    requestOf.run(pending, () => app(req, res));
  });
  return { ...running, redis, early };
}

const cookieHeaders = (reply: HttpReply) => reply.setCookies.map((c) => c.raw).join(' | ') || 'none';
/** What the browser keeps of a reply's session cookies: of several Set-Cookie headers for one name, the last wins. */
const keptSessionCookie = (reply: HttpReply) => reply.setCookies.filter((c) => c.name === SESSION_COOKIE).at(-1);

/** Logs a new browser in as `userId`; returns it and the Redis key of its session. */
async function loggedIn(url: string, userId: number) {
  const browser = browserWith();
  const login = await post(browser, `${url}/login`, { userId });
  expect(login.status, `POST /login { userId: ${userId} } answered ${show(login)}; expected 200.`).toBe(200);
  const key = sessionKeyOf(lab, browser);
  expect(await lab.redis.admin.exists(key), `After login there is no session key ${key} in Redis; the session must live in Redis (${LESSON}, "Why memory breaks").`).toBe(1);
  return { browser, key };
}

describe('logout', () => {
  it('06.6 logout deletes the session key and expires the cookie, for a user or a visitor with a cart; a copy of the old cookie no longer works, and the user\'s other devices stay logged in', async () => {
    const app = await startInstance();
    const { browser, key } = await loggedIn(app.url, 7);
    const stolen = browser.copy();
    const { browser: phone } = await loggedIn(app.url, 7); // the same user on another device

    const logout = await post(browser, `${app.url}/logout`);
    expect(logout.status, `POST /logout answered ${show(logout)}; expected a 2xx.`).toBeLessThan(300);
    const idea = `Logging out ends the session on the server (req.session.destroy: DEL the key) and in the browser (res.clearCookie with the cookie's name and path). Clearing only the cookie leaves the session usable by any copy of it until the TTL ends (${LESSON}, "Logging out").`;
    expect(await lab.redis.admin.exists(key), `${key} still exists after logout. ${idea}`).toBe(0);
    const expiring = `expected the last "${SESSION_COOKIE}" among them, the one the browser keeps, to expire it (a session cookie re-issued after the clearing one, as rolling does for a session the request still holds, wins)`;
    const cleared = keptSessionCookie(logout);
    expect(cleared && removesCookie(cleared), `POST /logout sent Set-Cookie: ${cookieHeaders(logout)}; ${expiring}. ${idea}`).toBe(true);
    expect(cleared?.path, `POST /logout sent ${cleared?.raw}: a cookie with another Path (or none) is another cookie, and the browser keeps the session's (Path=/). ${idea}`).toBe('/');

    const replay = await stolen.request(`${app.url}/me`);
    expect(replay.status, `GET /me with a copy of the pre-logout cookie answered ${show(replay)}; expected 401. ${idea}`).toBe(401);
    const otherDevice = await phone.request(`${app.url}/me`);
    expect(
      otherDevice.status,
      `User 7 was logged in on two devices and logged out on one; GET /me on the other then answered ${show(otherDevice)}; expected 200. ` +
        `Logout ends the session it was sent with, not every session of that user (that is a separate "log out everywhere" feature). ${idea}`,
    ).toBe(200);

    // A visitor with a cart has a session too, and logging out ends it the same way.
    const visitor = browserWith();
    await post(visitor, `${app.url}/cart`, { productId: 3 });
    const visitorKey = sessionKeyOf(lab, visitor);
    const left = await post(visitor, `${app.url}/logout`);
    expect(left.status, `POST /logout by a visitor with a cart answered ${show(left)}; expected a 2xx.`).toBeLessThan(300);
    expect(await lab.redis.admin.exists(visitorKey), `A visitor with a cart logged out, and ${visitorKey} still exists: logging out ends the session whoever holds it, logged in or not. ${idea}`).toBe(0);
    const visitorCookie = keptSessionCookie(left);
    expect(visitorCookie && removesCookie(visitorCookie), `POST /logout by a visitor sent Set-Cookie: ${cookieHeaders(left)}; ${expiring}. ${idea}`).toBe(true);
  });

  it('06.15 logout answers only once the key is deleted; no response is sent before the Redis work of its request is done', async () => {
    const app = await startInstance();
    const stays = browserWith(); // a visitor who fills a cart, logs in and reads: every kind of write
    await post(stays, `${app.url}/cart`, { productId: 4 });
    await post(stays, `${app.url}/login`, { userId: 2 });
    await stays.request(`${app.url}/me`);
    const key = sessionKeyOf(lab, stays);
    const other = await loggedIn(app.url, 3);
    const logout = await post(other.browser, `${app.url}/logout`);
    expect(logout.status, `POST /logout answered ${show(logout)}; expected a 2xx.`).toBeLessThan(300);
    expect(
      app.early,
      `Responses were sent before Redis had done what they announce. ` +
        (app.early.some((line) => line.includes('/login'))
          ? `A 200 from POST /login says "you are logged in, and your old session is gone": if it leaves before the old key's DEL (or the new session's SET) is answered, the old id still works for a while, and if that command then fails nobody hears of it. Await req.session.regenerate's and req.session.save's callbacks before answering (${LESSON}, "A new id at login").`
          : `A 204 from POST /logout tells the user "you are logged out"; if it leaves before the DEL is answered, the session still works for a while, and if the DEL then fails nobody hears of it. Wait for req.session.destroy's callback (wrap it in a Promise and await it) before answering (${LESSON}, "Logging out").`),
    ).toEqual([]);
    expect(await lab.redis.admin.exists(other.key), `${other.key} still exists after POST /logout answered (${LESSON}, "Logging out").`).toBe(0);
    expect(await lab.redis.admin.exists(key), `${key}, another user's session, was removed by someone else's logout (${LESSON}, "Logging out").`).toBe(1);
  });

  it('06.16 a request that renews the session while a logout runs cannot bring the session back', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const idea = `Sessions have no locking: whatever a request writes at its end wins. A request that loaded the session before the logout and then writes it back (resave: true, or a touch implemented as SET) re-creates a session the user ended. Renew with EXPIRE, which does nothing to a deleted key, and save only sessions the request changed (${LESSON}, "resave and saveUninitialized", "Logging out").`;
    const expectGone = async (key: string, tab: CookieJar, race: string) => {
      expect(await lab.redis.admin.exists(key), `${race}; afterwards ${key} exists again. ${idea}`).toBe(0);
      const replay = await tab.request(`${a.url}/me`);
      expect(replay.status, `${race}; afterwards GET /me with that tab's cookie answered ${show(replay)}; expected 401. ${idea}`).toBe(401);
    };

    // Race 1: another tab's GET /cart on instance B has loaded the session; the logout on A runs
    // in the gap before B's end-of-request write (the suite runs it between B's Redis commands).
    const first = await loggedIn(a.url, 8);
    const tab = first.browser.copy();
    let loggedOut: HttpReply | undefined;
    const gap = interleave(b.redis, async () => {
      loggedOut ??= await post(first.browser, `${a.url}/logout`);
    });
    const renew = await tab.request(`${b.url}/cart`);
    gap.stop();
    loggedOut ??= await post(first.browser, `${a.url}/logout`); // B sent nothing after its read
    expect(renew.status, `GET /cart answered ${show(renew)}; expected 200.`).toBe(200);
    expect(loggedOut.status, `POST /logout answered ${show(loggedOut)}; expected a 2xx.`).toBeLessThan(300);
    await expectGone(first.key, tab, 'A GET /cart on instance B loaded the session, then the user logged out on A before B finished');

    // Race 2: a slow GET /me on A waits on Postgres while the logout goes through B.
    const second = await loggedIn(a.url, 9);
    const slowTab = second.browser.copy();
    const held = lab.db.holdQueries(/FROM users/i);
    const slow = slowTab.request(`${a.url}/me`);
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'GET /me reaching Postgres', 'GET /me should look the user up in Postgres.');
    const logout = await post(second.browser, `${b.url}/logout`);
    held.release();
    await slow;
    expect(logout.status, `POST /logout answered ${show(logout)}; expected a 2xx.`).toBeLessThan(300);
    await expectGone(second.key, slowTab, 'A slow GET /me on instance A loaded the session, then the user logged out on B before A finished');
  });

  it('06.18 when Redis fails during logout, a user\'s or a visitor\'s, the client is told (5xx), keeps the cookie to try again, and the retry logs out', async () => {
    const redis = await lab.redis.readyClient();
    // Every write, and the transactions and scripts that could carry one, as a replica refuses them.
    const writes = (name: string, flags: string[]) => flags.includes('write') || name === 'multi' || name === 'exec';
    const fault = await refuseCommands(lab, redis, writes, new Error("READONLY You can't write against a read only replica."));
    const app = await startInstance({ redis });
    const user = await loggedIn(app.url, 5);
    const visitor = browserWith();
    await post(visitor, `${app.url}/cart`, { productId: 3 });
    const idea = `If the DEL fails, the session is still alive: anyone holding a copy of the cookie is still in it, logged in or with the cart. A 2xx would tell the user the opposite. Pass the error on (await the destroy; Express 5 turns a rejected handler into a 500), whoever the session belongs to, and leave the cookie, so the user sees the failure and can log out again (${LESSON}, "Logging out", "What it costs").`;

    const sessions = [
      { who: 'user 5', browser: user.browser, key: user.key, probe: '/me', expected: 401 },
      { who: 'a visitor with a cart', browser: visitor, key: sessionKeyOf(lab, visitor), probe: '/cart', expected: { items: [] } },
    ];
    for (const { who, browser, key, probe, expected } of sessions) {
      const stolen = browser.copy();
      fault.on = true; // a failover left this instance talking to a read-only replica
      const failed = await post(browser, `${app.url}/logout`);
      fault.on = false;
      expect(failed.status, `With Redis refusing writes, POST /logout by ${who} answered ${show(failed)}; expected a 5xx. ${idea}`).toBeGreaterThanOrEqual(500);
      const removed = failed.setCookies.filter((c) => c.name === SESSION_COOKIE && removesCookie(c));
      expect(removed.map((c) => c.raw), `The failed logout told ${who}'s browser to drop its cookie (${cookieHeaders(failed)}), so they cannot try again while the session lives on. ${idea}`).toEqual([]);

      const retry = await post(browser, `${app.url}/logout`);
      expect(retry.status, `Once Redis accepted writes again, POST /logout by ${who} answered ${show(retry)}; expected a 2xx. ${idea}`).toBeLessThan(300);
      expect(await lab.redis.admin.exists(key), `${key} still exists after ${who}'s retried logout. ${idea}`).toBe(0);
      const replay = await stolen.request(`${app.url}${probe}`);
      const seen = typeof expected === 'number' ? replay.status : replay.body;
      expect(seen, `GET ${probe} with a copy of ${who}'s cookie answered ${show(replay)} after the retried logout; expected ${JSON.stringify(expected)}. ${idea}`).toEqual(expected);
    }
  });
});
