// Lab 06 checks, part 1: sessions live in Redis, where every instance and every restart
// finds them. Run: npm test labs/06-sessions
// The suite speaks HTTP to running instances of the app (a cookie jar stands for the
// browser) and reads what Redis holds; it never looks inside the app. Two processes are
// two module instances of the app (separateProcesses), each with its own Redis connection.
import { describe, expect, it } from 'vitest';
import { removesCookie } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { browserWith, idOf, LESSON, post, processes, sessionKey, show, startInstance } from './sessions.support.js';

const lab = useLab('06');

describe('sessions live in Redis, not in one process', () => {
  it('06.1 a login on one process is seen by another process, in both directions', async () => {
    const [one, two] = await processes(2);
    const [a, b] = await Promise.all([startInstance(lab, {}, one), startInstance(lab, {}, two)]);
    for (const [from, to, userId] of [[a, b, 3], [b, a, 8]] as const) {
      const browser = browserWith();
      const login = await post(browser, `${from.url}/login`, { userId });
      expect(login.status, `POST /login { userId: ${userId} } answered ${show(login)}; expected 200.`).toBe(200);
      expect(login.body, `POST /login { userId: ${userId} } answered ${show(login)}; expected 200 { userId: ${userId} }.`).toEqual({ userId });
      const me = await browser.request(`${to.url}/me`);
      expect(
        me.status,
        `User ${userId} logged in on one process; another process answered GET /me with ${show(me)}. A load balancer sends the next request anywhere, ` +
          `so every process must find the session: keep it in Redis (connect-redis), and sign cookies with the secret every instance is given, ` +
          `not one the process made up (${LESSON}, "Why memory breaks", "What the cookie holds").`,
      ).toBe(200);
      expect(me.body, 'the other process should know who is logged in').toMatchObject({ userId });
      const cart = await browser.request(`${to.url}/cart`);
      expect(cart.body, `User ${userId} logged in without filling a cart; GET /cart answered ${show(cart)}; expected { items: [] }.`).toEqual({ items: [] });
    }
  });

  it('06.2 a restarted process (new code instance, new Redis connection) still knows the user', async () => {
    const [before, after] = await processes(2);
    const redis = lab.redis.client();
    const old = await startInstance(lab, { redis }, before);
    const browser = browserWith();
    await post(browser, `${old.url}/login`, { userId: 4 });
    await old.stop();
    redis.disconnect(); // the old process is gone, and its memory with it

    const restarted = await startInstance(lab, {}, after);
    const me = await browser.request(`${restarted.url}/me`);
    expect(
      me.status,
      `After a restart GET /me answered ${show(me)}; expected 200 for user 4. A deploy must not log everyone out: ` +
        `the session has to outlive the process that created it, and so must the secret that signs its cookie (${LESSON}, "Why memory breaks").`,
    ).toBe(200);
    expect(me.body, 'the restarted process should know user 4').toMatchObject({ userId: 4 });
  });

  it('06.3 an anonymous visit stores nothing: reads, a failed login and a logout leave no cookie and no Redis key', async () => {
    const app = await startInstance(lab);
    const browser = browserWith();
    const replies = {
      'GET /me': await browser.request(`${app.url}/me`),
      'GET /cart': await browser.request(`${app.url}/cart`),
      'POST /login { userId: 999 } (no such user)': await post(browser, `${app.url}/login`, { userId: 999 }),
      'POST /login with no body': await post(browser, `${app.url}/login`),
      'POST /logout': await post(browser, `${app.url}/logout`),
    };
    expect(replies['GET /me'].status, `GET /me without logging in answered ${show(replies['GET /me'])}; expected 401.`).toBe(401);
    const failed = replies['POST /login { userId: 999 } (no such user)'];
    expect(failed.status, `POST /login for a user Postgres does not have answered ${show(failed)}; expected 401.`).toBe(401);
    expect((failed.body as { error?: unknown }).error, `POST /login for an unknown user answered ${show(failed)}; expected 401 { error: <a message> }.`).toEqual(
      expect.stringMatching(/\S/),
    );
    const empty = replies['POST /login with no body'];
    expect(empty.status, `POST /login with no body answered ${show(empty)}; expected 401 (Express 5 leaves req.body undefined when nothing was sent).`).toBe(401);
    const idea = `A session is created when there is something to keep (saveUninitialized: false), and a failed login keeps nothing; otherwise every crawler, health check and password-guessing script costs a key and a cookie (${LESSON}, "resave and saveUninitialized").`;
    const issued = Object.entries(replies).flatMap(([request, reply]) =>
      reply.setCookies.filter((c) => !removesCookie(c)).map((c) => `${request}: ${c.raw}`),
    );
    expect(issued, `As a visitor, ${issued.length} response(s) set a cookie; expected none. ${idea}`).toEqual([]);
    const keys = await lab.redis.keys();
    expect(keys.map((k) => k.key), `Redis holds ${keys.length} key(s) after an anonymous visit; expected none. ${idea}`).toEqual([]);
  });
});

describe('many users, many cycles', () => {
  it('06.17 several users at once on two processes keep their own sessions; a logout ends only its own; a second login and logout work the same', async () => {
    const [one, two] = await processes(2);
    const instances = await Promise.all([startInstance(lab, {}, one), startInstance(lab, {}, two)]);
    const users = [1, 2, 3, 4].map((userId, i) => ({
      userId,
      product: 100 + userId,
      browser: browserWith(),
      home: instances[i % 2]!.url,
      away: instances[(i + 1) % 2]!.url,
      ids: [] as string[],
    }));
    type User = (typeof users)[number];
    // A visitor fills a cart on one process and logs in on the other, as a balancer would route them.
    const signIn = async (user: User) => {
      await post(user.browser, `${user.home}/cart`, { productId: user.product });
      const login = await post(user.browser, `${user.away}/login`, { userId: user.userId });
      expect(login.status, `POST /login { userId: ${user.userId} } answered ${show(login)}; expected 200.`).toBe(200);
      user.ids.push(idOf(user.browser) ?? '(no session cookie)');
    };
    const expectLoggedIn = async (user: User, when: string) => {
      // Asked of both processes: who is logged in on the one that filled the cart, what is in the cart on the other.
      const [me, cart] = await Promise.all([user.browser.request(`${user.home}/me`), user.browser.request(`${user.away}/cart`)]);
      const seen = `${when}, user ${user.userId} got GET /me ${show(me)} and GET /cart ${show(cart)}`;
      const idea = `Each browser's cookie names its own session; nothing about one user may be shared with or removed by another (${LESSON}, "What the cookie holds", "Logging out").`;
      expect(me.body, `${seen}; expected their own user id. ${idea}`).toMatchObject({ userId: user.userId });
      expect(cart.body, `${seen}; expected their own cart [${user.product}]. ${idea}`).toEqual({ items: [user.product] });
    };
    const logOut = async (user: User, when: string) => {
      const reply = await post(user.browser, `${user.home}/logout`);
      expect(reply.status, `${when}, POST /logout for user ${user.userId} answered ${show(reply)}; expected a 2xx.`).toBeLessThan(300);
    };

    await Promise.all(users.map(signIn));
    for (const user of users) await expectLoggedIn(user, 'After four users logged in at once');

    const [leaving, staying] = [users.slice(0, 2), users.slice(2)];
    await Promise.all(leaving.map((user) => logOut(user, 'With two users logging out at once')));
    for (const user of leaving) {
      const key = sessionKey(lab, user.ids[0]);
      expect(await lab.redis.admin.exists(key), `${key} still exists after user ${user.userId} logged out (${LESSON}, "Logging out").`).toBe(0);
    }
    for (const user of staying) await expectLoggedIn(user, 'After two other users logged out');

    await Promise.all(leaving.map(signIn)); // a second cycle for the two who left
    for (const user of leaving) {
      expect(
        user.ids[1],
        `User ${user.userId}'s second login got session id ${user.ids[1]}, the same as the first (${user.ids[0]}). Every login issues a new id (${LESSON}, "A new id at login").`,
      ).not.toBe(user.ids[0]);
      await expectLoggedIn(user, 'After logging in a second time');
    }
    await Promise.all(users.map((user) => logOut(user, 'At the final logout')));
    const left = await lab.redis.keys();
    expect(
      left.map((k) => k.key),
      `After every user logged out (two of them twice), Redis still holds ${left.length} key(s); expected none. Each logout deletes its session, every time (${LESSON}, "Logging out").`,
    ).toEqual([]);
  });
});
