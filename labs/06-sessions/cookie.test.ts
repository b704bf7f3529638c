// Lab 06 checks, part 5: the cookie, its flags, its id and its signature. Run: npm test labs/06-sessions
import { createRequire } from 'node:module';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { cookieExpiresAt, type CookieJar, type HttpReply } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { SESSION_COOKIE } from './src/contract.js';
import { browserWith, idInCookie, LESSON, MAX_AGE_MS, post, processes, SECRET, sessionCookieOf, show, startInstance } from './sessions.support.js';

const lab = useLab('06');

describe('the cookie', () => {
  it('06.10 every response that sets the cookie makes it HttpOnly, SameSite, Secure over HTTPS through the trusted proxy, site-wide and expiring with maxAge', async () => {
    const app = await startInstance(lab);
    const browser = browserWith(); // every request says X-Forwarded-Proto: https
    const flow: [string, () => Promise<HttpReply>][] = [
      ['POST /cart as a visitor', () => post(browser, `${app.url}/cart`, { productId: 1 })],
      ['GET /cart as a visitor', () => browser.request(`${app.url}/cart`)],
      ['POST /login', () => post(browser, `${app.url}/login`, { userId: 5 })],
      ['GET /me', () => browser.request(`${app.url}/me`)],
      ['POST /cart logged in', () => post(browser, `${app.url}/cart`, { productId: 2 })],
    ];
    for (const [request, send] of flow) {
      const sentAt = Date.now();
      const reply = await send();
      const answeredAt = Date.now();
      const cookie = sessionCookieOf(reply);
      if (request === 'POST /cart as a visitor' || request === 'POST /login') {
        expect(
          cookie,
          `${request} (status ${reply.status}) set no "${SESSION_COOKIE}" cookie. A Secure cookie is only sent when Express believes the request was HTTPS: app.set('trust proxy', 1) when options.trustProxy says a proxy is there (${LESSON}, "Cookie flags").`,
        ).toBeDefined();
      }
      if (!cookie) continue;
      const seen = `${request} sent Set-Cookie: ${cookie.raw}`;
      expect(cookie.httpOnly, `${seen}. HttpOnly keeps it out of document.cookie, so an XSS bug cannot steal the session (${LESSON}, "Cookie flags").`).toBe(true);
      expect(
        ['lax', 'strict'],
        `${seen}. SameSite=Lax (or Strict) stops the browser attaching it to requests another site starts: the CSRF defence (${LESSON}, "Cookie flags").`,
      ).toContain(cookie.sameSite);
      expect(
        cookie.secure,
        `${seen}. The request came over HTTPS (X-Forwarded-Proto: https from a trusted proxy), so the cookie must be Secure and never travel over plain HTTP: ` +
          `trust the proxy and use secure: 'auto' (${LESSON}, "Cookie flags").`,
      ).toBe(true);
      expect(cookie.path, `${seen}. The session cookie belongs to the whole site (Path=/), or some pages would not see the login (${LESSON}, "Cookie flags").`).toBe('/');
      // Expires has whole seconds; judged against when the request left and was answered, not by how fast it ran.
      const expiresAt = cookieExpiresAt(cookie, answeredAt) ?? Number.NaN;
      expect(
        expiresAt >= sentAt + MAX_AGE_MS - 1_050 && expiresAt <= answeredAt + MAX_AGE_MS + 50,
        `${seen}; expected it to expire about ${MAX_AGE_MS} ms (maxAgeMs) after the request, like every session cookie the app sends (${LESSON}, "One lifetime, two places").`,
      ).toBe(true);
    }
  });

  it('06.11 a cookie whose signature was altered or removed is refused: the visitor is anonymous', async () => {
    const app = await startInstance(lab);
    const browser = browserWith();
    await post(browser, `${app.url}/login`, { userId: 6 });
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

  it('06.12 only a trusted proxy makes a request HTTPS: with trustProxy off (or absent) a forged X-Forwarded-Proto gets no Secure cookie, and plain HTTP still logs in', async () => {
    const cases = [
      { config: 'trustProxy: false', overrides: { trustProxy: false }, proto: 'https', why: 'no proxy is trusted, so the header came from the client itself' },
      { config: 'no trustProxy (the default is false)', overrides: { trustProxy: undefined }, proto: 'https', why: 'no proxy is trusted by default' },
      { config: 'trustProxy: true', overrides: { trustProxy: true }, proto: 'http', why: 'the trusted proxy says the browser used plain HTTP' },
    ];
    for (const { config, overrides, proto, why } of cases) {
      const app = await startInstance(lab, overrides);
      const browser = browserWith({}, proto);
      const login = await post(browser, `${app.url}/login`, { userId: 7 });
      const cookie = sessionCookieOf(login);
      const seen = `An app with ${config} got POST /login with X-Forwarded-Proto: ${proto} and answered ${login.status} with ${cookie ? `Set-Cookie: ${cookie.raw}` : `no "${SESSION_COOKIE}" cookie`}`;
      const idea = `The cookie is Secure exactly when the request was HTTPS. Behind a proxy Express learns that from X-Forwarded-Proto, which it may believe only when options.trustProxy says a proxy is there (app.set('trust proxy', 1)); otherwise any client could claim HTTPS. With secure: 'auto' the flag follows; secure: true drops the cookie on plain HTTP, so nobody can log in there (${LESSON}, "Cookie flags").`;
      expect(cookie, `${seen}; expected a session cookie (${why}). ${idea}`).toBeDefined();
      expect(cookie?.secure, `${seen}; expected it not to be Secure: ${why}. ${idea}`).toBe(false);
      // Only Secure depends on the request: the other flags protect plain-HTTP sessions just as much.
      expect(
        cookie?.httpOnly && ['lax', 'strict'].includes(cookie.sameSite ?? '') && cookie.path === '/',
        `${seen}; expected HttpOnly, SameSite=Lax (or Strict) and Path=/ on it all the same: they keep scripts and other sites away from the session whether or not the request was HTTPS (${LESSON}, "Cookie flags").`,
      ).toBe(true);
      const me = await browser.request(`${app.url}/me`);
      expect(me.status, `${seen}; GET /me with that cookie then answered ${show(me)}; expected 200.`).toBe(200);
    }
  });

  it('06.13 session ids are unguessable and unique across processes: no counter, clock or per-process pattern', async () => {
    const [one, two] = await processes(2);
    const instances = await Promise.all([startInstance(lab, {}, one), startInstance(lab, {}, two)]);
    const visitors: { browser: CookieJar; userId: number; url: string; ids: Set<string> }[] = [];
    // Math.random and the clocks stand still while the ids are issued: ids drawn from a
    // cryptographic source still differ, ids made from them alone (hashed or not) repeat.
    const [now, monotonic, hr, hrBigint] = [Date.now(), performance.now(), process.hrtime(), process.hrtime.bigint()];
    const frozen = [
      vi.spyOn(Math, 'random').mockReturnValue(0.5),
      vi.spyOn(Date, 'now').mockReturnValue(now),
      vi.spyOn(performance, 'now').mockReturnValue(monotonic),
      vi.spyOn(process, 'hrtime').mockReturnValue(hr),
      vi.spyOn(process.hrtime, 'bigint').mockReturnValue(hrBigint),
    ];
    onTestFinished(() => frozen.forEach((spy) => spy.mockRestore()));
    // Six visitors, three on each process, each fills a cart (an anonymous id) and logs in (a new id).
    for (let i = 0; i < 6; i += 1) {
      const visitor = { browser: browserWith(), userId: i + 1, url: instances[i % 2]!.url, ids: new Set<string>() };
      await post(visitor.browser, `${visitor.url}/cart`, { productId: 1 });
      visitor.ids.add(idInCookie(visitor.browser.get(SESSION_COOKIE)) ?? '(none)');
      await post(visitor.browser, `${visitor.url}/login`, { userId: visitor.userId });
      visitor.ids.add(idInCookie(visitor.browser.get(SESSION_COOKIE)) ?? '(none)');
      visitors.push(visitor);
    }
    frozen.forEach((spy) => spy.mockRestore());
    const idea = `The session id is the only thing standing between a visitor and someone else's session: it must come from a cryptographic random source (express-session's default genid: 24 random bytes), never from a counter, a clock, Math.random (its next values can be computed from a few outputs) or anything a process starts with, which another process repeats or an attacker can guess. The suite held Math.random and every clock (Date.now, performance.now, process.hrtime) still while these ids were issued (${LESSON}, "What the cookie holds").`;
    const all = visitors.flatMap((visitor) => [...visitor.ids]);
    const shared = all.filter((id, i) => all.indexOf(id) !== i);
    expect(shared, `Two processes gave these session ids to more than one visitor between them: ${shared.join(', ')} (all ids: ${all.join(', ')}). ${idea}`).toEqual([]);
    for (const which of [0, 1]) {
      const ids = visitors.filter((_, i) => i % 2 === which).flatMap((visitor) => [...visitor.ids]);
      const bits = randomBitsIn(ids);
      expect(bits, `One process issued the ids ${ids.join(', ')}; the characters that change from one id to the next carry about ${Math.round(bits)} bits; expected at least 64. ${idea}`).toBeGreaterThanOrEqual(64);
    }
    for (const visitor of visitors) {
      const me = await visitor.browser.request(`${visitor.url}/me`);
      expect(me.body, `User ${visitor.userId} logged in, then GET /me answered ${show(me)}: two sessions shared an id. ${idea}`).toMatchObject({ userId: visitor.userId });
    }
  });

  it('06.14 the cookie is signed with the secret from the options: the same secret accepts it, another refuses it, and without one the app will not start', async () => {
    const [a, same, other] = await Promise.all([startInstance(lab), startInstance(lab), startInstance(lab, { secret: 'another deployment, another secret' })]);
    const browser = browserWith();
    const login = await post(browser, `${a.url}/login`, { userId: 8 });
    expect(login.status, `POST /login answered ${show(login)}; expected 200.`).toBe(200);
    const idea = `The secret comes from configuration (options.secret), the same on every instance and across deploys; never a constant in the code, a fallback, or a value each process invents. A hard-coded secret is in every copy of the repository, and anyone who has it can sign session ids (${LESSON}, "What the cookie holds").`;
    const accepted = await browser.copy().request(`${same.url}/me`);
    expect(accepted.status, `An instance given the same secret answered GET /me with ${show(accepted)}; expected 200. ${idea}`).toBe(200);
    const refused = await browser.copy().request(`${other.url}/me`);
    expect(refused.status, `An instance given another secret accepted the cookie: GET /me answered ${show(refused)}; expected 401. ${idea}`).toBe(401);

    // A signature that fits no secret: to refuse it, the app tries every secret it would accept.
    const forged = encodeURIComponent(`s:${idInCookie(browser.get(SESSION_COOKIE))}.not-a-signature`);
    const hmac = vi.spyOn(createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'), 'createHmac');
    onTestFinished(() => hmac.mockRestore());
    const tampered = await browserWith({ [SESSION_COOKIE]: forged }).request(`${a.url}/me`);
    const keys = [...new Set(hmac.mock.calls.map(([, key]) => String(key)))].filter((key) => key !== SECRET);
    hmac.mockRestore();
    expect(
      keys,
      `To check a forged signature (GET /me answered ${show(tampered)}), the app computed HMACs with ${keys.map((key) => JSON.stringify(key)).join(', ')} besides options.secret: a cookie signed with any of them would be accepted. ${idea}`,
    ).toEqual([]);

    // Without a secret there is nothing to sign with: the app must refuse to start, and say why.
    let started: string;
    try {
      const bare = await startInstance(lab, { secret: '' });
      const attempt = await post(browserWith(), `${bare.url}/login`, { userId: 8 });
      started = `createSessionApp accepted it, and POST /login answered ${show(attempt)}`;
    } catch (error) {
      started = `createSessionApp threw: ${(error as Error).message}`;
    }
    expect(
      started,
      `Given an empty secret: ${started}. Expected createSessionApp to throw an error that names the missing secret: an app that starts anyway signs with a secret of its own, or fails every request at run time instead of at deploy time. ${idea}`,
    ).toMatch(/^createSessionApp threw: .*secret/i);
  });
});

/**
 * A floor on the randomness in `ids`: positions where every id has the same character
 * (a fixed prefix, the high digits of a clock or counter) carry none; each other position
 * carries log2 of the alphabet the ids are written in.
 */
function randomBitsIn(ids: string[]): number {
  const chars = ids.join('');
  const alphabet = [/^[0-9]*$/, /^[0-9a-f]*$/i, /^[0-9a-z]*$/, /^[0-9a-z]*$/i].findIndex((pattern) => pattern.test(chars));
  const bitsPerChar = Math.log2([10, 16, 36, 62][alphabet] ?? 64);
  const length = Math.max(...ids.map((id) => id.length));
  let varying = 0;
  for (let i = 0; i < length; i += 1) if (new Set(ids.map((id) => id[i])).size > 1) varying += 1;
  return varying * bitsPerChar;
}
