// Lab 06 checks, part 4: logging in, and requests that overlap. Run: npm test labs/06-sessions
import { describe, expect, it } from 'vitest';
import type { CookieJar } from '../../harness/lab/http.js';
import { interleave } from '../../harness/lab/interleave.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { SESSION_COOKIE } from './src/contract.js';
import { browserWith, idOf, LESSON, post, refuseCommands, sessionKey, show, startInstance } from './sessions.support.js';

const lab = useLab('06');

describe('logging in', () => {
  it('06.7 every login issues a new session id (a visitor, another user, the same user again), the id it replaces stops working (no fixation), and the cart goes along', async () => {
    const app = await startInstance(lab);
    const browser = browserWith();
    await post(browser, `${app.url}/cart`, { productId: 2 }); // an anonymous session worth keeping: it gets an id
    const idea = `Session fixation: if an id issued before login (to a visitor, or to the previous user) stays valid after it, whoever planted or saw it is logged in as the new user. Call req.session.regenerate() at every login: a fresh id, and the old key deleted (${LESSON}, "A new id at login").`;
    let before = idOf(browser);
    expect(before, `POST /cart as a visitor set no signed "${SESSION_COOKIE}" cookie; a cart is worth a session.`).toBeDefined();

    // As a visitor logging in, as a logged-in user logging in as someone else, and as that
    // user logging in again: each login is a new privilege level's start, and the cart goes along.
    for (const [userId, who] of [[2, 'the visitor'], [3, 'user 2'], [3, 'user 3 (logging in again)']] as const) {
      const planted = browser.copy(); // what an attacker who fixed or saw that id holds
      const login = await post(browser, `${app.url}/login`, { userId });
      expect(login.status, `POST /login { userId: ${userId} } answered ${show(login)}; expected 200.`).toBe(200);
      const after = idOf(browser);
      expect(after, `When ${who} logged in as user ${userId}, the session id was ${before} before and ${after} after. ${idea}`).not.toBe(before);
      const oldKey = sessionKey(lab, before);
      expect(await lab.redis.admin.exists(oldKey), `${oldKey}, the session ${who} had before logging in as user ${userId}, still exists. ${idea}`).toBe(0);
      const replay = await planted.request(`${app.url}/me`);
      expect(replay.status, `GET /me with ${who}'s pre-login cookie answered ${show(replay)} after the login as user ${userId}; expected 401. ${idea}`).toBe(401);
      const [me, cart] = await Promise.all([browser.request(`${app.url}/me`), browser.request(`${app.url}/cart`)]);
      expect(me.body, `After logging in as user ${userId}, GET /me answered ${show(me)}.`).toMatchObject({ userId });
      expect(
        cart.body,
        `The browser's cart held [2] when ${who} logged in as user ${userId}; GET /cart now answers ${show(cart)}. The cart goes along with every login, ` +
          `whoever was logged in before: read it from the old session before regenerate() and put it on the new one (${LESSON}, "A new id at login").`,
      ).toEqual({ items: [2] });
      before = after;
    }
  });

  it('06.8 carts filled before login survive a failed login and are still there after a successful one, for several users logging in at the same time; a failed login leaves a logged-in session as it was', async () => {
    // Two instances of the app in one process (one module): while user 1 logs in on A, the
    // suite logs the others in on B in each gap between A's Redis commands.
    const aRedis = lab.redis.client();
    const [a, b] = await Promise.all([startInstance(lab, { redis: aRedis }), startInstance(lab)]);
    const shoppers = [1, 2, 3, 4].map((userId) => ({ userId, url: userId === 1 ? a.url : b.url, browser: browserWith(), cart: [10 * userId + 1, 10 * userId + 2] }));
    for (const shopper of shoppers) for (const productId of shopper.cart) await post(shopper.browser, `${shopper.url}/cart`, { productId });

    // A mistyped login first: it fails, and leaves the session the visitor has as it was.
    const sessionOf = async (browser: CookieJar) => ({ id: idOf(browser), stored: await lab.redis.admin.get(sessionKey(lab, idOf(browser))) });
    for (const shopper of shoppers) {
      const before = await sessionOf(shopper.browser);
      const failed = await post(shopper.browser, `${shopper.url}/login`, { userId: 999 });
      const cart = await shopper.browser.request(`${shopper.url}/cart`);
      const after = await sessionOf(shopper.browser);
      const idea = `A failed login changes nothing: no new session, and the one the browser has (its id, its key, its cart) stays as it was; regenerate only once the user is known (${LESSON}, "A new id at login").`;
      expect(failed.status, `POST /login for a user Postgres does not have answered ${show(failed)}; expected 401.`).toBe(401);
      expect(
        cart.body,
        `User ${shopper.userId} filled the cart with ${JSON.stringify(shopper.cart)}, then a login for an unknown user failed (${show(failed)}); GET /cart now answers ${show(cart)}. ${idea}`,
      ).toEqual({ items: shopper.cart });
      const story = `User ${shopper.userId}, a visitor with a cart, tried a login for an unknown user (${show(failed)})`;
      expect(after.id, `${story}: the session id was ${before.id} before, and the browser holds ${after.id} after. ${idea}`).toBe(before.id);
      expect(after.stored, `${story}: ${sessionKey(lab, before.id)} held ${before.stored} before, and ${after.stored} after. ${idea}`).toBe(before.stored);
    }

    const [first, ...others] = shoppers;
    const logIn = (shopper: typeof first) => post(shopper!.browser, `${shopper!.url}/login`, { userId: shopper!.userId });
    const waiting = [...others];
    const gaps = interleave(aRedis, async () => {
      const next = waiting.shift();
      if (next) await logIn(next);
    });
    await logIn(first);
    gaps.stop();
    for (const shopper of waiting) await logIn(shopper); // the ones no gap reached

    // A mistyped login by someone already logged in: the session stays exactly as stored.
    const key = sessionKey(lab, idOf(first!.browser));
    const stored = await lab.redis.admin.get(key);
    const failed = await post(first!.browser, `${first!.url}/login`, { userId: 999 });
    // A request after it, on the same instance: whatever the failed login saved as its response ended is in Redis by then.
    const me = await first!.browser.request(`${first!.url}/me`);
    const after = await lab.redis.admin.get(key);
    expect(failed.status, `POST /login for a user Postgres does not have, by logged-in user 1, answered ${show(failed)}; expected 401.`).toBe(401);
    expect(me.body, `User 1 was logged in when a login for an unknown user failed (${show(failed)}); GET /me then answered ${show(me)}. A failed login ends nothing: user 1 is still logged in (${LESSON}, "A new id at login").`).toMatchObject({ userId: 1 });
    expect(
      after,
      `User 1 was logged in when a login for an unknown user failed (${show(failed)}). Their session ${key} held ${stored} before and ${after} after. ` +
        `A failed login stores nothing and ends nothing: the user stays logged in, with the session exactly as it was (${LESSON}, "A new id at login").`,
    ).toBe(stored);

    for (const shopper of shoppers) {
      const [cart, me] = await Promise.all([shopper.browser.request(`${shopper.url}/cart`), shopper.browser.request(`${shopper.url}/me`)]);
      expect(me.body, `After the logins, user ${shopper.userId} got GET /me ${show(me)}.`).toMatchObject({ userId: shopper.userId });
      expect(
        cart.body,
        `User ${shopper.userId} filled the cart with ${JSON.stringify(shopper.cart)} and logged in while ${gaps.runs} other login(s) ran; GET /cart now answers ${show(cart)}. ` +
          `regenerate() starts an empty session: read the cart from the old session into a local variable of this request, not into anything shared, and put it on the new one (${LESSON}, "A new id at login").`,
      ).toEqual({ items: shopper.cart });
    }
  });
});

describe('concurrent requests', () => {
  it('06.9 a slow request that only reads does not write its old copy of the session back', async () => {
    const app = await startInstance(lab);
    const browser = browserWith();
    await post(browser, `${app.url}/login`, { userId: 4 });
    await post(browser, `${app.url}/cart`, { productId: 7 });

    // GET /me loads the session, then waits on Postgres while the cart changes underneath it.
    const held = lab.db.holdQueries(/FROM users/i);
    const slowRead = browser.request(`${app.url}/me`);
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'GET /me reaching Postgres', 'GET /me should look the user up in Postgres.');
    const added = await post(browser, `${app.url}/cart`, { productId: 8 });
    expect(added.body, `POST /cart { productId: 8 } answered ${show(added)}`).toEqual({ items: [7, 8] });
    held.release();
    await slowRead;

    const cart = await browser.request(`${app.url}/cart`);
    expect(
      cart.body,
      `After a slow GET /me overlapped POST /cart, the cart is ${JSON.stringify(cart.body)}; expected { items: [7, 8] }. ` +
        `With resave: true every request saves the whole session it loaded, so the slow read wrote back the cart as it was (lost update). ` +
        `resave: false saves only changed sessions and merely touches the rest (${LESSON}, "resave and saveUninitialized").`,
    ).toEqual({ items: [7, 8] });
  });
});

/** An instance whose Redis client refuses, while `fault.on`, the commands `refuses` picks, with `error`. */
async function startFaultyInstance(refuses: (name: string, flags: string[]) => boolean, error: Error) {
  const redis = await lab.redis.readyClient();
  const fault = await refuseCommands(lab, redis, refuses, error);
  return { app: await startInstance(lab, { redis }), fault };
}

describe('when Redis fails', () => {
  it('06.19 a login Redis cannot complete answers 5xx: not when the session cannot be stored, nor when the replaced one (a visitor\'s, another user\'s, or the same user\'s) cannot be deleted', async () => {
    const idea = `A 200 from POST /login says "you are logged in, with a new session, and the old one is gone". express-session saves a changed session when the response ends, after your handler has chosen 200, and only hands a failed save to the next error handler. Save it yourself and await it (req.session.save in a Promise), and let regenerate's error through too, so that a refused write becomes a 5xx (${LESSON}, "A new id at login", "What it costs").`;
    const other = await startInstance(lab); // asked afterwards: after a failed save express-session closes the connection it answered on

    // Redis is full (noeviction): it refuses every command that may grow memory.
    // A login from a visitor with a cart, and one from a browser with no session at all.
    const full = await startFaultyInstance((_, flags) => flags.includes('denyoom'), new Error("OOM command not allowed when used memory > 'maxmemory'."));
    const [shopping, fresh] = [browserWith(), browserWith()];
    await post(shopping, `${full.app.url}/cart`, { productId: 6 });
    for (const [who, visitor] of [['a visitor with a cart', shopping], ['a visitor with no session', fresh]] as const) {
      full.fault.on = true;
      const login = await post(visitor, `${full.app.url}/login`, { userId: 7 });
      full.fault.on = false;
      const me = await visitor.request(`${other.url}/me`);
      expect(login.status, `With Redis refusing writes (OOM), POST /login by ${who} answered ${show(login)}; the session was never stored, and GET /me then answered ${show(me)}. Expected a 5xx, with or without a cart to carry. ${idea}`).toBeGreaterThanOrEqual(500);
      expect(me.status, `After ${who}'s failed login GET /me answered ${show(me)}; expected 401. ${idea}`).toBe(401);
    }

    // The connection drops on the command that deletes the replaced session: a visitor's
    // (with a cart) as they log in, user 2's as user 2 logs in as user 3, and user 3's as
    // user 3 logs in again. A login may retry the delete and answer 200 once it went
    // through; what it may not do is answer 200 while the replaced session lives on.
    const blip = await startFaultyInstance((name) => ['del', 'unlink', 'getdel'].includes(name), new Error('read ECONNRESET'));
    /** Logs `browser` in as `userId` while the delete of the session it replaces fails once, and judges the answer against what a copy of the old cookie still gets at `probe`. */
    const loginLosingDelete = async (browser: CookieJar, userId: number, probe: string, story: string) => {
      const copy = browser.copy();
      const oldKey = sessionKey(lab, idOf(browser));
      Object.assign(blip.fault, { on: true, once: true });
      const login = await post(browser, `${blip.app.url}/login`, { userId });
      blip.fault.on = false;
      const old = await copy.request(`${other.url}${probe}`);
      const oldAlive = (await lab.redis.admin.exists(oldKey)) === 1;
      const seen = `${story}, and the delete of the session it replaces failed once; POST /login answered ${show(login)}, ${oldKey} ${oldAlive ? 'still exists' : 'is gone'}, and a copy of the old cookie gets GET ${probe} ${show(old)}.`;
      const expected = `Expected a 5xx (no login happened), or a 200 only once the replaced session is deleted after all (a retried delete): the old id is the one an attacker planted or saw, or the one a user logs in again to be rid of. ${idea}`;
      if (login.status >= 500) return;
      expect(login.status, `${seen} ${expected}`).toBe(200);
      expect(oldAlive, `${seen} ${expected}`).toBe(false);
    };

    const shopper = browserWith();
    await post(shopper, `${blip.app.url}/cart`, { productId: 4 });
    await loginLosingDelete(shopper, 4, '/cart', 'A visitor with a cart logged in as user 4');

    const user = browserWith();
    await post(user, `${blip.app.url}/login`, { userId: 2 });
    await loginLosingDelete(user, 3, '/me', "User 2 logged in as user 3 over user 2's session");

    const again = browserWith();
    await post(again, `${blip.app.url}/login`, { userId: 3 });
    await loginLosingDelete(again, 3, '/me', 'User 3 logged in again as user 3');
  });
});
