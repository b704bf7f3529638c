// Lab 06 checks, part 5: the cookie, its flags, its id and its signature. Run: npm test labs/06-sessions
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Request } from 'express';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { cookieExpiresAt, CookieJar, serve, type HttpReply } from '../../harness/lab/http.js';
import { useLab, type Lab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from './src/contract.js';
import { appOptions, browserWith, idInCookie, LESSON, MAX_AGE_MS, post, processes, SECRET, sessionCookieOf, show, startInstance } from './sessions.support.js';

const lab = useLab('06');

describe('the cookie', () => {
  it('06.10 every response that sets the cookie makes it HttpOnly, SameSite, Secure over HTTPS through the trusted proxy, site-wide and expiring with maxAge, logins of another user and from a new browser included', async () => {
    // The flags protect the cookie whatever its lifetime: judged with maxAgeMs given and left to the default.
    await Promise.all([
      startInstance(lab).then((app) => expectFlagsThroughAFlow(app.url, MAX_AGE_MS, `maxAgeMs ${MAX_AGE_MS}`)),
      startInstance(lab, { maxAgeMs: undefined }).then((app) => expectFlagsThroughAFlow(app.url, SESSION_MAX_AGE_MS, 'no maxAgeMs (the default)')),
    ]);
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
    // Untrusted configurations meet forged headers from this machine, from a host on the
    // private network and from the internet: whoever the client is, it is not the proxy.
    const untrusted = [
      { config: 'trustProxy: false', overrides: { trustProxy: false }, why: 'no proxy is trusted, so the header came from the client itself' },
      { config: 'no trustProxy (the default is false)', overrides: { trustProxy: undefined }, why: 'no proxy is trusted by default' },
    ];
    const cases = [
      ...untrusted.flatMap((c) => [undefined, PRIVATE_PEER, PUBLIC_PEER].map((peer) => ({ ...c, peer, proto: 'https', trusted: false }))),
      { config: 'trustProxy: true', overrides: { trustProxy: true }, peer: undefined, proto: 'http', trusted: true, why: 'the trusted proxy says the browser used plain HTTP' },
    ];
    await Promise.all(
      cases.map(async ({ config, overrides, peer, proto, trusted, why }) => {
        const app = await instanceSeenFrom(lab, overrides, peer);
        const browser = new CookieJar({}, { 'X-Forwarded-Proto': proto, 'X-Forwarded-For': FORGED_IP });
        const login = await post(browser, `${app.url}/login`, { userId: 7 });
        const cookie = sessionCookieOf(login);
        const seen = `An app with ${config} got POST /login from ${peer ?? '127.0.0.1'} with X-Forwarded-Proto: ${proto} and answered ${login.status} with ${cookie ? `Set-Cookie: ${cookie.raw}` : `no "${SESSION_COOKIE}" cookie`}`;
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
        if (trusted) return;
        // What the rest of the app (and every route added to it) believes about the same requests.
        const connection = { protocol: 'http', secure: false, ip: peer ?? '127.0.0.1' };
        for (const belief of app.beliefs) {
          expect(
            belief,
            `${seen}. Express then took the request (X-Forwarded-For: ${FORGED_IP}) to be ${JSON.stringify(belief)} (req.protocol, req.secure, req.ip); expected what the connection itself says, ${JSON.stringify(connection)}: ${why}. ` +
              `Trust is one setting taken from options.trustProxy, for the whole app: a cookie that follows it while Express trusts every client, or trusts whole networks, lets anyone on them forge HTTPS and their address (${LESSON}, "Cookie flags").`,
          ).toEqual(connection);
        }
      }),
    );
  });

  it('06.13 session ids are unguessable and unique across processes: no counter, clock or per-process pattern', async () => {
    // Math.random and the clocks stand still from before the two processes load the code
    // until the ids are issued: ids drawn from a cryptographic source still differ; ids
    // made from them alone (hashed, or from a generator they seed) repeat in both processes.
    const release = holdRandomAndClocks();
    const [one, two] = await processes(2);
    const instances = await Promise.all([startInstance(lab, {}, one), startInstance(lab, {}, two)]);
    const visitors: { browser: CookieJar; userId: number; url: string; ids: Set<string> }[] = [];
    // Six visitors, three on each process, each fills a cart (an anonymous id) and logs in (a new id).
    for (let i = 0; i < 6; i += 1) {
      const visitor = { browser: browserWith(), userId: i + 1, url: instances[i % 2]!.url, ids: new Set<string>() };
      await post(visitor.browser, `${visitor.url}/cart`, { productId: 1 });
      visitor.ids.add(idInCookie(visitor.browser.get(SESSION_COOKIE)) ?? '(none)');
      await post(visitor.browser, `${visitor.url}/login`, { userId: visitor.userId });
      visitor.ids.add(idInCookie(visitor.browser.get(SESSION_COOKIE)) ?? '(none)');
      visitors.push(visitor);
    }
    // More visitors with a cart, at once, so that each character position of a process's ids is seen often enough to tell its alphabet.
    const carts = await Promise.all(
      Array.from({ length: 2 * EXTRA_IDS_PER_PROCESS }, async (_, i) => {
        const browser = browserWith();
        await post(browser, `${instances[i % 2]!.url}/cart`, { productId: 1 });
        return idInCookie(browser.get(SESSION_COOKIE)) ?? '(none)';
      }),
    );
    release();
    const idea = `The session id is the only thing standing between a visitor and someone else's session: it must come from a cryptographic random source (express-session's default genid: 24 random bytes), never from a counter, a clock, Math.random (its next values can be computed from a few outputs), a generator it seeds, or anything a process starts with, which another process repeats or an attacker can guess. The suite held Math.random and every clock (Date, performance.now, process.hrtime, process.uptime) still from before the processes loaded the code until these ids were issued (${LESSON}, "What the cookie holds").`;
    const all = [...visitors.flatMap((visitor) => [...visitor.ids]), ...carts];
    const shared = [...new Set(all.filter((id, i) => all.indexOf(id) !== i))];
    expect(shared, `Two processes gave these session ids to more than one visitor between them: ${listed(shared)} (of ${all.length} ids issued). ${idea}`).toEqual([]);
    for (const which of [0, 1]) {
      const ids = [...visitors.filter((_, i) => i % 2 === which).flatMap((visitor) => [...visitor.ids]), ...carts.filter((_, i) => i % 2 === which)];
      const bits = randomBitsIn(ids);
      expect(
        bits,
        `One process issued the ids ${listed(ids)}; judged position by position (a character that is the same in every id carries nothing, one that changes carries at most what its alphabet holds) they carry about ${Math.round(bits)} bits; expected at least 64. ${idea}`,
      ).toBeGreaterThanOrEqual(64);
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

    // The same session id, signed the way express-session signs, with secrets from tutorials and with one nobody configured: only options.secret vouches for an id.
    const id = idInCookie(browser.get(SESSION_COOKIE)) ?? '';
    await Promise.all(
      [...WELL_KNOWN_SECRETS, randomBytes(16).toString('hex')].map(async (secret) => {
        const signed = `s:${id}.${createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '')}`;
        const me = await browserWith({ [SESSION_COOKIE]: encodeURIComponent(signed) }).request(`${a.url}/me`);
        expect(
          me.status,
          `The logged-in session id signed with ${JSON.stringify(secret)} instead of options.secret ("${signed}") got GET /me ${show(me)}; expected 401: a cookie signed with any secret but the configured one names no session, whatever code sits in front of express-session. ${idea}`,
        ).toBe(401);
      }),
    );

    // A signature that fits no secret: to refuse it, the app tries every secret it would accept.
    const forged = encodeURIComponent(`s:${id}.not-a-signature`);
    const hmac = vi.spyOn(createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'), 'createHmac');
    onTestFinished(() => hmac.mockRestore());
    const tampered = await browserWith({ [SESSION_COOKIE]: forged }).request(`${a.url}/me`);
    const keys = [...new Set(hmac.mock.calls.map(([, key]) => String(key)))].filter((key) => key !== SECRET);
    hmac.mockRestore();
    expect(
      keys,
      `To check a forged signature (GET /me answered ${show(tampered)}), the app computed HMACs with ${keys.map((key) => JSON.stringify(key)).join(', ')} besides options.secret: a cookie signed with any of them would be accepted. ${idea}`,
    ).toEqual([]);

    // Without a secret there is nothing to sign with: the app must refuse to start, and say why, in every environment.
    // Each NODE_ENV gets code loaded under it, in case the code reads it when it loads.
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    for (const environment of ['production', 'development', 'test', undefined]) {
      vi.stubEnv('NODE_ENV', environment);
      const [code] = await processes(1);
      let started: string;
      try {
        const bare = await startInstance(lab, { secret: '' }, code);
        const attempt = await post(browserWith(), `${bare.url}/login`, { userId: 8 });
        started = `createSessionApp accepted it, and POST /login answered ${show(attempt)}`;
      } catch (error) {
        started = `createSessionApp threw: ${(error as Error).message}`;
      }
      expect(
        started,
        `Given an empty secret with NODE_ENV ${environment ?? 'unset'}: ${started}. Expected createSessionApp to throw an error that names the missing secret, whatever the environment: an app that starts anyway signs with a secret of its own, or fails every request at run time instead of at deploy time. ${idea}`,
      ).toMatch(/^createSessionApp threw: .*secret/i);
    }
    vi.unstubAllEnvs();
  });
});

/** A client that is not the proxy, on the private network of the app's host, and one on the internet (documentation ranges). */
const PRIVATE_PEER = '10.0.0.7';
const PUBLIC_PEER = '203.0.113.7';
/** The address an untrusted client claims in X-Forwarded-For. */
const FORGED_IP = '198.51.100.23';

/**
 * An instance whose requests arrive from `peer` (this machine's own 127.0.0.1 when absent:
 * the socket's peer address is rewritten, the way another host's connection would show it),
 * with what Express believed about each request: its protocol, whether it was secure, the
 * client's address.
 */
async function instanceSeenFrom(lab: Lab, overrides: Partial<SessionAppOptions>, peer?: string) {
  const app = createSessionApp(appOptions(lab, overrides));
  const beliefs: { protocol: string; secure: boolean; ip: string | undefined }[] = [];
  const running = await serve((req, res) => {
    if (peer) Object.defineProperty(req.socket, 'remoteAddress', { value: peer, configurable: true });
    app(req, res);
    // Express has made the request its own (req.protocol, req.ip...) before the first await.
    const { protocol, secure, ip } = req as Request;
    beliefs.push({ protocol, secure, ip });
  });
  return { ...running, beliefs };
}

/** A visitor's flow on the app at `url`, judging every Set-Cookie for the session: flags, and an expiry `maxAgeMs` away. */
async function expectFlagsThroughAFlow(url: string, maxAgeMs: number, config: string) {
  const browser = browserWith(); // every request says X-Forwarded-Proto: https
  const fresh = browserWith(); // one that logs in with no session at all
  const flow: [string, () => Promise<HttpReply>][] = [
    ['POST /cart as a visitor', () => post(browser, `${url}/cart`, { productId: 1 })],
    ['GET /cart as a visitor', () => browser.request(`${url}/cart`)],
    ['POST /login', () => post(browser, `${url}/login`, { userId: 5 })],
    ['GET /me', () => browser.request(`${url}/me`)],
    ['POST /cart logged in', () => post(browser, `${url}/cart`, { productId: 2 })],
    ['POST /login as another user', () => post(browser, `${url}/login`, { userId: 6 })],
    ['GET /me as that user', () => browser.request(`${url}/me`)],
    ['POST /login from a browser with no session', () => post(fresh, `${url}/login`, { userId: 7 })],
  ];
  for (const [request, send] of flow) {
    const sentAt = Date.now();
    const reply = await send();
    const answeredAt = Date.now();
    const cookie = sessionCookieOf(reply);
    if (request === 'POST /cart as a visitor' || request.startsWith('POST /login')) {
      expect(
        cookie,
        `An app with ${config}: ${request} (status ${reply.status}) set no "${SESSION_COOKIE}" cookie. A Secure cookie is only sent when Express believes the request was HTTPS: app.set('trust proxy', 1) when options.trustProxy says a proxy is there (${LESSON}, "Cookie flags").`,
      ).toBeDefined();
    }
    if (!cookie) continue;
    const seen = `An app with ${config}: ${request} sent Set-Cookie: ${cookie.raw}`;
    expect(cookie.httpOnly, `${seen}. HttpOnly keeps it out of document.cookie, so an XSS bug cannot steal the session, whatever its lifetime (${LESSON}, "Cookie flags").`).toBe(true);
    expect(
      ['lax', 'strict'],
      `${seen}. SameSite=Lax (or Strict) stops the browser attaching it to requests another site starts: the CSRF defence, whatever the cookie's lifetime (${LESSON}, "Cookie flags").`,
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
      expiresAt >= sentAt + maxAgeMs - 1_050 && expiresAt <= answeredAt + maxAgeMs + 50,
      `${seen}; expected it to expire about ${maxAgeMs} ms after the request, like every session cookie the app sends (${LESSON}, "One lifetime, two places").`,
    ).toBe(true);
  }
}

/** Secrets from express-session's README, tutorials and starter projects: a cookie signed with one is a forgery. */
const WELL_KNOWN_SECRETS = ['keyboard cat', 'secret', 'changeme', 'change-me', 'change me', 'mysecret', 'supersecret', 'your-secret-key', 'session-secret', 'dev', 'development', 'test', 'default', 'password', ''];

/** The first few of `ids`, for a failure message. */
const listed = (ids: string[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, … (${ids.length} in all)` : ids.join(', '));

/** Per process, beside the six visitors' ids: 32 ids in all tell a hex position from a decimal one with near certainty. */
const EXTRA_IDS_PER_PROCESS = 26;

/**
 * Holds Math.random and every clock an id could be made from (Date, `new Date()` included,
 * performance.now, process.hrtime, process.uptime) at one value until the returned release
 * is called (or the test ends). Timers and Redis's own clock go on: TTLs are still counted
 * by the server.
 */
function holdRandomAndClocks(): () => void {
  const [now, monotonic, hr, hrBigint, uptime] = [Date.now(), performance.now(), process.hrtime(), process.hrtime.bigint(), process.uptime()];
  const spies = [
    vi.spyOn(Math, 'random').mockReturnValue(0.5),
    vi.spyOn(performance, 'now').mockReturnValue(monotonic),
    vi.spyOn(process, 'hrtime').mockReturnValue(hr),
    vi.spyOn(process.hrtime, 'bigint').mockReturnValue(hrBigint),
    vi.spyOn(process, 'uptime').mockReturnValue(uptime),
  ];
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [now], newTarget),
    get: (target, property, receiver) => (property === 'now' ? () => now : Reflect.get(target, property, receiver)),
  });
  const release = () => {
    spies.forEach((spy) => spy.mockRestore());
    globalThis.Date = RealDate;
  };
  onTestFinished(release);
  return release;
}

/**
 * A floor on the randomness in `ids`, position by position: a position where every id has
 * the same character (a fixed prefix, the high digits of a clock or counter) carries none;
 * any other carries log2 of the smallest usual alphabet (decimal, hex, base36, base62,
 * base64) holding the characters seen there.
 */
function randomBitsIn(ids: string[]): number {
  const alphabets: [RegExp, number][] = [[/^[0-9]+$/, 10], [/^[0-9a-f]+$/i, 16], [/^[0-9a-z]+$/, 36], [/^[0-9A-Z]+$/, 36], [/^[0-9a-z]+$/i, 62]];
  const length = Math.max(...ids.map((id) => id.length));
  let bits = 0;
  for (let i = 0; i < length; i += 1) {
    const seen = [...new Set(ids.map((id) => id[i] ?? ''))].join('');
    if (seen.length > 1) bits += Math.log2(alphabets.find(([pattern]) => pattern.test(seen))?.[1] ?? 64);
  }
  return bits;
}
