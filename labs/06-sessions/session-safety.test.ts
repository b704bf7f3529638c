// Lab 06 checks, part 2: login, concurrent requests and the cookie itself.
// Run: npm test labs/06-sessions   (part 1 is shared-sessions.test.ts)
import { describe, expect, it } from 'vitest';
import { CookieJar, serve, type HttpReply } from '../../harness/lab/http.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_KEY_SEGMENT, type SessionAppOptions } from './src/contract.js';

const lab = useLab('06');
const LESSON = 'Lesson 06, Sessions in Redis';

/** One instance behind a TLS-terminating load balancer, as in shared-sessions.test.ts. */
function startInstance(overrides: Partial<SessionAppOptions> = {}) {
  return serve(
    createSessionApp({
      redis: lab.redis.client(),
      db: lab.db.pool,
      keyPrefix: lab.redis.prefix,
      secret: 'lab-06 safety checks: a secret of their own',
      maxAgeMs: 60_000,
      trustProxy: true,
      ...overrides,
    }),
  );
}

/** A browser whose requests arrive over HTTPS at the balancer, which forwards them as plain HTTP. */
const browserWith = (cookies: Record<string, string> = {}) => new CookieJar(cookies, { 'X-Forwarded-Proto': 'https' });

/** `s:<id>.<signature>` (URL-encoded) → `<id>`; undefined for anything else. */
const idInCookie = (value = '') => /^s:([^.]+)\./.exec(decodeURIComponent(value))?.[1];
const addToCart = (browser: CookieJar, base: string, productId: number) =>
  browser.request(`${base}/cart`, { method: 'POST', json: { productId } });
const show = (reply: HttpReply) => `${reply.status} ${JSON.stringify(reply.body)}`;

describe('logging in', () => {
  it('06.7 login issues a new session id, and the anonymous one stops working (no fixation)', async () => {
    const app = await startInstance();
    const browser = browserWith();
    await addToCart(browser, app.url, 2); // an anonymous session worth keeping: it gets an id
    const before = idInCookie(browser.get(SESSION_COOKIE));
    expect(before, `POST /cart as a visitor set no signed "${SESSION_COOKIE}" cookie; a cart is worth a session.`).toBeDefined();
    const planted = browser.copy(); // what an attacker who fixed or saw that id holds

    const login = await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 2 } });
    expect(login.status, `POST /login answered ${show(login)}; expected 200.`).toBe(200);
    const after = idInCookie(browser.get(SESSION_COOKIE));
    const idea = `Session fixation: if the id a visitor arrived with becomes the logged-in id, whoever planted or saw it is logged in too. Call req.session.regenerate() at login: a fresh id, and the old key deleted (${LESSON}, "A new id at login").`;
    expect(after, `The session id was ${before} before login and ${after} after. ${idea}`).not.toBe(before);
    const oldKey = lab.redis.key(SESSION_KEY_SEGMENT + before);
    expect(await lab.redis.admin.exists(oldKey), `${oldKey}, the pre-login session, still exists. ${idea}`).toBe(0);
    const replay = await planted.request(`${app.url}/me`);
    expect(replay.status, `GET /me with the pre-login cookie answered ${show(replay)}; expected 401. ${idea}`).toBe(401);
  });

  it('06.8 what the visitor had before login (the cart) is still there after it', async () => {
    const app = await startInstance();
    const browser = browserWith();
    await addToCart(browser, app.url, 2);
    await addToCart(browser, app.url, 5);
    await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 3 } });
    const cart = await browser.request(`${app.url}/cart`);
    expect(
      cart.body,
      `GET /cart after login answered ${show(cart)}; expected { items: [2, 5] }. regenerate() starts an empty session: ` +
        `copy what the user should keep (the cart) from the old session into the new one (${LESSON}, "A new id at login").`,
    ).toEqual({ items: [2, 5] });
  });
});

describe('concurrent requests', () => {
  it('06.9 a slow request that only reads does not write its old copy of the session back', async () => {
    const app = await startInstance();
    const browser = browserWith();
    await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 4 } });
    await addToCart(browser, app.url, 7);

    // GET /me loads the session, then waits on Postgres while the cart changes underneath it.
    const held = lab.db.holdQueries(/FROM users/i);
    const slowRead = browser.request(`${app.url}/me`);
    await expectSettlesWithin(held.reached, 5_000, 'GET /me reaching Postgres', 'GET /me should look the user up in Postgres.');
    const added = await addToCart(browser, app.url, 8);
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

describe('the cookie', () => {
  it('06.10 the cookie is HttpOnly and SameSite, and Secure when the request came over HTTPS through a trusted proxy', async () => {
    const app = await startInstance();
    const browser = browserWith(); // every request says X-Forwarded-Proto: https
    const login = await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 5 } });
    const cookie = login.setCookies.find((c) => c.name === SESSION_COOKIE);
    const seen = `POST /login via a proxy that terminated TLS got ${cookie ? `Set-Cookie: ${cookie.raw}` : `no "${SESSION_COOKIE}" cookie (status ${login.status})`}`;
    expect(cookie, `${seen}. A secure cookie is only sent when Express believes the request was HTTPS: app.set('trust proxy', 1) (${LESSON}, "Cookie flags").`).toBeDefined();
    expect(cookie?.httpOnly, `${seen}. HttpOnly keeps it out of document.cookie, so an XSS bug cannot steal the session (${LESSON}, "Cookie flags").`).toBe(true);
    expect(
      ['lax', 'strict'],
      `${seen}. SameSite=Lax (or Strict) stops the browser attaching it to requests another site starts: the CSRF defence (${LESSON}, "Cookie flags").`,
    ).toContain(cookie?.sameSite);
    expect(
      cookie?.secure,
      `${seen}. The request came over HTTPS (X-Forwarded-Proto: https from a trusted proxy), so the cookie must be Secure and never travel over plain HTTP: ` +
        `trust the proxy and use secure: 'auto' (or true in production) (${LESSON}, "Cookie flags").`,
    ).toBe(true);
  });

  it('06.11 a cookie whose signature was altered or removed is refused: the visitor is anonymous', async () => {
    const app = await startInstance();
    const browser = browserWith();
    await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 6 } });
    const genuine = decodeURIComponent(browser.get(SESSION_COOKIE) ?? '');
    const id = idInCookie(genuine);
    expect(id, `After login the "${SESSION_COOKIE}" cookie is "${genuine}"; expected a signed value s:<id>.<signature>.`).toBeDefined();

    const dot = genuine.lastIndexOf('.');
    const flipped = genuine[dot + 4] === 'A' ? 'B' : 'A';
    const forgeries = {
      'signature altered': genuine.slice(0, dot + 4) + flipped + genuine.slice(dot + 5),
      'signature removed': `s:${id}`,
      'bare session id': `${id}`,
    };
    for (const [how, value] of Object.entries(forgeries)) {
      const forged = await browserWith({ [SESSION_COOKIE]: encodeURIComponent(value) }).request(`${app.url}/me`);
      expect(
        forged.status,
        `GET /me with the cookie's ${how} ("${value}") answered ${show(forged)}; expected 401. The signature (HMAC with the secret) proves the server issued the id; ` +
          `a cookie that fails it names no session (${LESSON}, "What the cookie holds").`,
      ).toBe(401);
    }
  });
});
