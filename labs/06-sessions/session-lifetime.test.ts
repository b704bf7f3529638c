// Lab 06 checks, part 2: a session lives as long as its cookie, in Redis and in the
// browser, and activity extends both. Run: npm test labs/06-sessions
import { describe, expect, it } from 'vitest';
import { cookieExpiresAt, type HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS } from './src/contract.js';
import { browserWith, LESSON, post, sessionCookieOf, sessionKeyOf, show, startInstance as start } from './sessions.support.js';

const lab = useLab('06');
/** Not the default, and far from a day or a unit slip (20 000 s). */
const MAX_AGE_MS = 20_000;
const SLACK_MS = 50; // clock reads on either side of a round trip

/** One instance; `'default'` leaves maxAgeMs out. */
const startInstance = (maxAgeMs: number | 'default' = MAX_AGE_MS) => start(lab, { maxAgeMs: maxAgeMs === 'default' ? undefined : maxAgeMs });

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

/** The key expires `maxAgeMs` after some moment of the request, give or take the whole second connect-redis rounds up to. */
async function expectKeyLivesFor(key: string, maxAgeMs: number, request: Timed, when: string, idea: string): Promise<void> {
  const askedAt = Date.now();
  const pttlMs = await lab.redis.admin.pttl(key);
  const lateMs = askedAt - request.answeredAt;
  const seen = `${when}, PTTL ${key} was ${pttlMs} ms (-2: no such key, -1: never expires), asked ${lateMs} ms after the response; expected about ${maxAgeMs} ms from the request.`;
  expect(pttlMs, `${seen} ${idea}`).toBeGreaterThan(0);
  expect(pttlMs + Date.now(), `${seen} ${idea}`).toBeGreaterThanOrEqual(request.sentAt + maxAgeMs - SLACK_MS);
  expect(pttlMs + askedAt, `${seen} ${idea}`).toBeLessThanOrEqual(request.answeredAt + maxAgeMs + 1_000 + SLACK_MS);
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
  it("06.4 the session key's TTL follows the cookie's maxAge: a short one, a long one, and the 15-minute default", async () => {
    for (const maxAgeMs of [MAX_AGE_MS, 45_000, 'default'] as const) {
      const expected = maxAgeMs === 'default' ? SESSION_MAX_AGE_MS : maxAgeMs;
      const app = await startInstance(maxAgeMs);
      const config = maxAgeMs === 'default' ? 'an app without maxAgeMs (default SESSION_MAX_AGE_MS)' : `an app with maxAgeMs ${maxAgeMs}`;
      const idea = `The key must live as long as the cookie that points at it: longer and Redis fills with sessions nobody can use, shorter and users are logged out early. Use options.maxAgeMs, SESSION_MAX_AGE_MS when it is absent, as the cookie's maxAge; connect-redis derives the TTL from it (${LESSON}, "One lifetime, two places").`;
      const browser = browserWith();

      const cart = await timed(() => post(browser, `${app.url}/cart`, { productId: 3 }));
      await expectKeyLivesFor(sessionKeyOf(lab, browser), expected, cart, `For ${config}, after a visitor's POST /cart`, idea);
      expectCookieLivesFor(cart, expected, `POST /cart (${config})`, idea);

      const login = await timed(() => post(browser, `${app.url}/login`, { userId: 5 }));
      expect(login.reply.status, `POST /login answered ${show(login.reply)}; expected 200.`).toBe(200);
      await expectKeyLivesFor(sessionKeyOf(lab, browser), expected, login, `For ${config}, after POST /login`, idea);
      expectCookieLivesFor(login, expected, `POST /login (${config})`, idea);
    }
  });
});

describe('activity extends the session', () => {
  it('06.5 each request renews the session: the key gets its full TTL back (not more) and the cookie is re-issued, again and again', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const browser = browserWith();
    await post(browser, `${a.url}/login`, { userId: 6 });
    const key = sessionKeyOf(lab, browser);
    const idea = `An active user stays logged in: each request restores the full ${MAX_AGE_MS} ms on both sides, the key (express-session calls the store's touch: EXPIRE) and the cookie (rolling: true re-sends it with a fresh expiry) (${LESSON}, "Sliding expiry").`;

    const requests = [['GET /me on instance A', `${a.url}/me`], ['GET /cart on instance B', `${b.url}/cart`], ['GET /cart on instance A again', `${a.url}/cart`]] as const;
    for (const [request, url] of requests) {
      // Stand for a user who was idle: only a quarter of the session left.
      const pexpired = await lab.redis.admin.pexpire(key, MAX_AGE_MS / 4);
      expect(pexpired, `The suite could not shorten ${key}: no session key after login (${LESSON}, "Why memory breaks").`).toBe(1);
      const renewal = await timed(() => browser.request(url));
      expect(renewal.reply.status, `${request} while the session was alive answered ${show(renewal.reply)}; expected 200.`).toBe(200);
      await expectKeyLivesFor(key, MAX_AGE_MS, renewal, `After ${request} with ${MAX_AGE_MS / 4} ms left`, idea);
      expectCookieLivesFor(renewal, MAX_AGE_MS, request, `Without it the browser drops the cookie at its first expiry while Redis still holds the session. ${idea}`);
    }
  });
});
