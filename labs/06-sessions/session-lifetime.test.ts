// Lab 06 checks, part 2: a session lives as long as its cookie, in Redis and in the
// browser, and activity extends both. Run: npm test labs/06-sessions
import { describe, expect, it, vi } from 'vitest';
import { cookieExpiresAt, type HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_KEY_SEGMENT, SESSION_MAX_AGE_MS, type SessionAppOptions } from './src/contract.js';
import { browserWith, idOf, LESSON, post, sessionCookieOf, sessionKeyOf, show, startInstance, type AppModule } from './sessions.support.js';

const lab = useLab('06');
/** Not the default, and far from a day or a unit slip (20 000 s). */
const MAX_AGE_MS = 20_000;
/** Over an hour and under connect-redis's one-day fallback: a cap or a fallback TTL shows. */
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
/** Over a day: a cap at connect-redis's one-day fallback shows too. */
const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;
/** How long 06.4's apps have been running, by their own clocks, when their first visitor arrives. */
const UPTIME_MS = 10_000;
const SLACK_MS = 50; // clock reads on either side of a round trip

/**
 * The app as it would be after UPTIME_MS of running: its clock reads that much earlier
 * while it is created, and runs true from its first request on. An expiry worked out
 * once at startup is then that old; one worked out per request is not.
 */
const upForAWhile: AppModule = {
  createSessionApp(options) {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - UPTIME_MS }); // Date only, and only for this synchronous call
    try {
      return createSessionApp(options);
    } finally {
      vi.useRealTimers();
    }
  },
};

/**
 * Sends a request and notes when it left and when its answer was in. Expiries are judged
 * against that window ("maxAgeMs after some moment of this request"), so a slow machine
 * cannot fail a right answer and a fast one cannot pass a wrong one.
 */
async function timed(send: () => Promise<HttpReply>) {
  const sentAt = Date.now();
  const reply = await send();
  return { reply, sentAt, answeredAt: Date.now() };
}
type Timed = Awaited<ReturnType<typeof timed>>;

/**
 * The key expires `maxAgeMs` after some moment of the request. connect-redis rounds what
 * is left of the cookie's life up to whole seconds; every maxAge here is whole seconds,
 * so that never reaches past maxAgeMs after the response: not a second more.
 */
async function expectKeyLivesFor(key: string, maxAgeMs: number, request: Timed, when: string, idea: string): Promise<void> {
  const askedAt = Date.now();
  const pttlMs = await lab.redis.admin.pttl(key);
  const lateMs = askedAt - request.answeredAt;
  const seen = `${when}, PTTL ${key} was ${pttlMs} ms (-2: no such key, -1: never expires), asked ${lateMs} ms after the response; expected about ${maxAgeMs} ms from the request.`;
  expect(pttlMs, `${seen} ${idea}`).toBeGreaterThan(0);
  expect(pttlMs + Date.now(), `${seen} ${idea}`).toBeGreaterThanOrEqual(request.sentAt + maxAgeMs - SLACK_MS);
  const overMs = pttlMs + askedAt - (request.answeredAt + maxAgeMs);
  expect(overMs, `${seen} The key outlives the cookie by at least ${overMs} ms: its TTL is the cookie's maxAge, not more. ${idea}`).toBeLessThanOrEqual(SLACK_MS);
}
/** The reply set the session cookie to expire `maxAgeMs` after some moment of the request (Expires has 1 s granularity). */
function expectCookieLivesFor(request: Timed, maxAgeMs: number, what: string, idea: string): void {
  const cookie = sessionCookieOf(request.reply);
  const expiresAt = cookie && cookieExpiresAt(cookie, request.answeredAt);
  const seen = !cookie ? `no "${SESSION_COOKIE}" cookie` : expiresAt === undefined ? `${cookie.raw}, with no expiry` : cookie.raw;
  const inWindow = expiresAt !== undefined && expiresAt >= request.sentAt + maxAgeMs - 1_000 - SLACK_MS && expiresAt <= request.answeredAt + maxAgeMs + SLACK_MS;
  expect(inWindow, `${what} sent ${seen}; expected the session cookie expiring about ${maxAgeMs} ms after the request. ${idea}`).toBe(true);
}

describe('a session expires with its cookie', () => {
  it("06.4 the session key, at keyPrefix + 'sess:' + id, has the cookie's maxAge as its TTL: a short one, a long one, over an hour, over a day, and the 15-minute default, however long the app has been up", async () => {
    const shop = `${lab.redis.prefix}shop`; // no ':' at its end: a prefix is used exactly as given
    const apps = [
      { config: `an app with maxAgeMs ${MAX_AGE_MS}`, maxAgeMs: MAX_AGE_MS, options: { maxAgeMs: MAX_AGE_MS } },
      { config: `an app with maxAgeMs 45000 and keyPrefix "${shop}"`, maxAgeMs: 45_000, options: { maxAgeMs: 45_000, keyPrefix: shop } },
      { config: `an app with maxAgeMs ${TWO_HOURS_MS} (two hours)`, maxAgeMs: TWO_HOURS_MS, options: { maxAgeMs: TWO_HOURS_MS } },
      { config: `an app with maxAgeMs ${THREE_DAYS_MS} (three days)`, maxAgeMs: THREE_DAYS_MS, options: { maxAgeMs: THREE_DAYS_MS } },
      { config: 'an app without maxAgeMs (default SESSION_MAX_AGE_MS)', maxAgeMs: SESSION_MAX_AGE_MS, options: { maxAgeMs: undefined } },
    ] satisfies { config: string; maxAgeMs: number; options: Partial<SessionAppOptions> }[];
    const idea =
      `The key must live as long as the cookie that points at it: longer and Redis fills with sessions nobody can use, shorter and users are logged out early. ` +
      `Use options.maxAgeMs, SESSION_MAX_AGE_MS when it is absent, as the cookie's maxAge, which express-session counts from each request (an expires date worked out once shortens every session by the app's uptime: each app here had been up ${UPTIME_MS} ms by its own clock), ` +
      `and let connect-redis derive the TTL from it, with no ttl option of your own, no cap and no grace (${LESSON}, "One lifetime, two places").`;

    for (const { config, maxAgeMs, options } of apps) {
      const app = await startInstance(lab, options, upForAWhile);
      const browser = browserWith();
      const key = () => `${options.keyPrefix ?? lab.redis.prefix}${SESSION_KEY_SEGMENT}${idOf(browser) ?? '(no session cookie)'}`;

      const cart = await timed(() => post(browser, `${app.url}/cart`, { productId: 3 }));
      const where = await lab.redis.admin.exists(key());
      const held = where ? [] : (await lab.redis.keys()).map((k) => k.key);
      expect(where, `For ${config}, after a visitor's POST /cart there is no ${key()}; Redis holds ${held.join(', ') || 'nothing'} under the lab's prefix. A session lives at \`\${keyPrefix}sess:<id>\`, keyPrefix exactly as given (nothing added, not even a ':') (${LESSON}, "Why memory breaks").`).toBe(1);
      await expectKeyLivesFor(key(), maxAgeMs, cart, `For ${config}, after a visitor's POST /cart`, idea);
      expectCookieLivesFor(cart, maxAgeMs, `POST /cart (${config})`, idea);

      const login = await timed(() => post(browser, `${app.url}/login`, { userId: 5 }));
      expect(login.reply.status, `POST /login answered ${show(login.reply)}; expected 200.`).toBe(200);
      await expectKeyLivesFor(key(), maxAgeMs, login, `For ${config}, after POST /login`, idea);
      expectCookieLivesFor(login, maxAgeMs, `POST /login (${config})`, idea);
    }
  });
});

describe('activity extends the session', () => {
  it('06.5 each request renews the session, a visitor\'s or a user\'s, however much of it is left: the key gets its full TTL back (not more) and the cookie is re-issued, again and again', async () => {
    const [a, b] = await Promise.all([startInstance(lab, { maxAgeMs: MAX_AGE_MS }), startInstance(lab, { maxAgeMs: MAX_AGE_MS })]);
    const browser = browserWith();
    const idea = `An active user stays logged in, and an active visitor keeps the cart: each request restores the full ${MAX_AGE_MS} ms on both sides, whatever was left, the key (express-session calls the store's touch: EXPIRE) and the cookie (rolling: true re-sends it with a fresh expiry). A renewal skipped for some sessions, or while much is left, lets the key die before the cookie the browser was just given (${LESSON}, "Sliding expiry").`;

    /** Leaves `leftMs` of the session's life, as if the browser had been idle, then sends `request`. */
    const renews = async (request: string, url: string, leftMs: number) => {
      const key = sessionKeyOf(lab, browser);
      const pexpired = await lab.redis.admin.pexpire(key, leftMs);
      expect(pexpired, `The suite could not shorten ${key}: no session key for this browser (${LESSON}, "Why memory breaks").`).toBe(1);
      const renewal = await timed(() => browser.request(url));
      expect(renewal.reply.status, `${request} while the session was alive answered ${show(renewal.reply)}; expected 200.`).toBe(200);
      await expectKeyLivesFor(key, MAX_AGE_MS, renewal, `After ${request} with ${leftMs} ms left`, idea);
      expectCookieLivesFor(renewal, MAX_AGE_MS, request, `Without it the browser drops the cookie at its first expiry while Redis still holds the session. ${idea}`);
    };

    await post(browser, `${a.url}/cart`, { productId: 5 });
    await renews('GET /cart on instance A, by a visitor with a cart', `${a.url}/cart`, MAX_AGE_MS / 4);
    const login = await post(browser, `${a.url}/login`, { userId: 6 });
    expect(login.status, `POST /login answered ${show(login)}; expected 200.`).toBe(200);
    await renews('GET /me on instance A', `${a.url}/me`, MAX_AGE_MS / 4);
    await renews('GET /cart on instance B', `${b.url}/cart`, (MAX_AGE_MS * 99) / 100);
    await renews('GET /cart on instance A again', `${a.url}/cart`, MAX_AGE_MS / 4);
  });
});
