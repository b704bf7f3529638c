// Lab 06 checks, part 6: the cookie's flags, Secure exactly when a trusted proxy says the
// request was HTTPS, and what Express believes about a request (req.protocol, req.secure,
// req.ip), trusted or not. Run: npm test labs/06-sessions
import type { Request } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { cookieExpiresAt, CookieJar, serve, type HttpReply } from '../../harness/lab/http.js';
import { useLab, type Lab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, type SessionAppOptions } from './src/contract.js';
import { appOptions, browserWith, LESSON, MAX_AGE_MS, post, processes, sessionCookieOf, show, startInstance, type AppModule } from './sessions.support.js';

const lab = useLab('06');

describe("the cookie's flags", () => {
  it('06.10 every response that sets the cookie makes it HttpOnly, SameSite, Secure over HTTPS through the trusted proxy, site-wide and expiring with maxAge, logins of another user and from a new browser included', async () => {
    // The flags protect the cookie whatever its lifetime: judged with maxAgeMs given and left to the default.
    await Promise.all([
      startInstance(lab).then((app) => expectFlagsThroughAFlow(app.url, MAX_AGE_MS, `maxAgeMs ${MAX_AGE_MS}`)),
      startInstance(lab, { maxAgeMs: undefined }).then((app) => expectFlagsThroughAFlow(app.url, SESSION_MAX_AGE_MS, 'no maxAgeMs (the default)')),
    ]);
  });

  it('06.12 only a trusted proxy makes a request HTTPS: with trustProxy off (or absent) a forged X-Forwarded-Proto gets no Secure cookie, from any peer, and plain HTTP still logs in', async () => {
    // Untrusted configurations meet forged headers from this machine, from hosts on every
    // kind of private and link-local network, and from the internet: whoever the client is,
    // it is not the proxy.
    const untrusted = [
      { config: 'trustProxy: false', overrides: { trustProxy: false }, why: 'no proxy is trusted, so the header came from the client itself' },
      { config: 'no trustProxy (the default is false)', overrides: { trustProxy: undefined }, why: 'no proxy is trusted by default' },
    ];
    const cases = [
      ...untrusted.map((c) => ({ ...c, peers: UNTRUSTED_PEERS, proto: 'https', trusted: false })),
      { config: 'trustProxy: true', overrides: { trustProxy: true }, peers: ['127.0.0.1'], proto: 'http', trusted: true, why: 'the trusted proxy says the browser used plain HTTP' },
    ];
    await Promise.all(cases.map(async (c) => expectSeenAsTheConnection(await instanceSeenFrom(lab, c.overrides), c)));
    // The same in production, with the code loaded under it: a flag, or a trust, that depends
    // on NODE_ENV is wrong there (secure: true drops the cookie on plain HTTP; trust proxy
    // turned on believes any client's X-Forwarded-Proto).
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const [code] = await processes(1);
      const production = { ...untrusted[0]!, config: 'trustProxy: false, under NODE_ENV=production', peers: UNTRUSTED_PEERS.slice(0, 1), proto: 'https', trusted: false };
      await expectSeenAsTheConnection(await instanceSeenFrom(lab, production.overrides, code!), production);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('06.20 trustProxy trusts exactly one proxy, whatever its address: its X-Forwarded-Proto decides Secure, and the client is the address it saw, not what the client wrote before it', async () => {
    // The suite plays the proxy, connecting from this machine, from the private network and
    // from a public address (a CDN, a cloud balancer). Behind it, a client on the office
    // network (CLIENT_IP) wrote an X-Forwarded-For of its own; the proxy appended what it saw.
    const app = await instanceSeenFrom(lab, { trustProxy: true });
    const forwardedFor = `${FORGED_IP}, ${CLIENT_IP}`;
    const cases = [...TRUSTED_PROXIES.map((proxy) => ({ proxy, proto: 'https' })), { proxy: TRUSTED_PROXIES.at(-1)!, proto: 'http' }];
    await Promise.all(
      cases.map(async ({ proxy, proto }) => {
        const browser = app.browserFrom(proxy, { 'X-Forwarded-Proto': proto, 'X-Forwarded-For': forwardedFor });
        const login = await post(browser, `${app.url}/login`, { userId: 7 });
        const cookie = sessionCookieOf(login);
        const seen =
          `An app with trustProxy: true got POST /login from its proxy at ${proxy}, which said X-Forwarded-Proto: ${proto} and X-Forwarded-For: ${forwardedFor} ` +
          `(the client wrote ${FORGED_IP}; the proxy appended ${CLIENT_IP}, the address it saw), and answered ${login.status} with ${cookie ? `Set-Cookie: ${cookie.raw}` : `no "${SESSION_COOKIE}" cookie`}`;
        const idea =
          `trustProxy: true means one proxy in front, whatever its address: Express trusts exactly one hop (app.set('trust proxy', 1)), the connection's peer. ` +
          `It believes that proxy's X-Forwarded-Proto, and takes the client's address from the last X-Forwarded-For entry, the one the proxy wrote; every entry before it is whatever the client sent. ` +
          `'trust proxy' true (every hop), a larger count, or a list of networks (loopback, private ranges) believes the client's own entries, or refuses a proxy outside them (${LESSON}, "Cookie flags").`;
        expect(login.status, `${seen}; expected 200. ${idea}`).toBe(200);
        expect(cookie?.secure, `${seen}; expected a session cookie${proto === 'https' ? ' with' : ' without'} Secure: the trusted proxy says the browser used ${proto}. ${idea}`).toBe(proto === 'https');
        const expected = { protocol: proto, secure: proto === 'https', ip: CLIENT_IP };
        for (const belief of app.beliefsOf(browser)) {
          expect(belief, `${seen}. Express then took the request to be ${JSON.stringify(belief)} (req.protocol, req.secure, req.ip); expected ${JSON.stringify(expected)}. ${idea}`).toEqual(expected);
        }
      }),
    );
  });
});

/**
 * Peers that are not the proxy, when none is trusted: this machine (IPv4 and IPv6), hosts on
 * every private range (10/8, a Docker bridge in 172.16/12, 192.168/16, IPv6 unique-local),
 * link-local ones (169.254/16, fe80::/10) and one on the internet (documentation ranges).
 */
const UNTRUSTED_PEERS = ['127.0.0.1', '::1', '10.0.0.7', '172.17.0.3', '192.168.1.20', 'fd00::7', '169.254.1.7', 'fe80::7', '203.0.113.7'];
/** Where the one trusted proxy connects from: this machine, the private network, a public address. */
const TRUSTED_PROXIES = ['127.0.0.1', '10.0.0.7', '203.0.113.7'];
/** The address an untrusted client claims in X-Forwarded-For. */
const FORGED_IP = '198.51.100.23';
/** The address a client on the office network really has, as the proxy sees it. */
const CLIENT_IP = '10.0.0.9';
/** Suite-only request headers, removed before the app sees the request: the peer address to show, and which browser sent it. */
const PEER_HEADER = 'x-lab-06-peer';
const BROWSER_HEADER = 'x-lab-06-browser';

interface Belief {
  protocol: string;
  secure: boolean;
  ip: string | undefined;
}

/**
 * An instance whose requests arrive from the peer address each browser is given (the
 * socket's peer address is rewritten, the way another host's connection would show it),
 * with what Express believed about each request: its protocol, whether it was secure, the
 * client's address.
 */
/**
 * What 06.12 asks of one configuration, from each of its peers: a cookie that is Secure
 * only when a trusted proxy said HTTPS, and, when none is trusted, Express believing the
 * connection rather than the headers.
 */
async function expectSeenAsTheConnection(app: Awaited<ReturnType<typeof instanceSeenFrom>>, { config, peers, proto, trusted, why }: { config: string; peers: string[]; proto: string; trusted: boolean; why: string }) {
  await Promise.all(
    peers.map(async (peer) => {
      const browser = app.browserFrom(peer, { 'X-Forwarded-Proto': proto, 'X-Forwarded-For': FORGED_IP });
      const login = await post(browser, `${app.url}/login`, { userId: 7 });
      const cookie = sessionCookieOf(login);
      const seen = `An app with ${config} got POST /login from ${peer} with X-Forwarded-Proto: ${proto} and answered ${login.status} with ${cookie ? `Set-Cookie: ${cookie.raw}` : `no "${SESSION_COOKIE}" cookie`}`;
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
      const connection = { protocol: 'http', secure: false, ip: peer };
      for (const belief of app.beliefsOf(browser)) {
        expect(
          belief,
          `${seen}. Express then took the request (X-Forwarded-For: ${FORGED_IP}) to be ${JSON.stringify(belief)} (req.protocol, req.secure, req.ip); expected what the connection itself says, ${JSON.stringify(connection)}: ${why}. ` +
            `Trust is one setting taken from options.trustProxy, for the whole app: a cookie that follows it while Express trusts every client, or trusts whole networks (loopback, private, link-local, a container bridge), lets anyone on them forge HTTPS and their address (${LESSON}, "Cookie flags").`,
        ).toEqual(connection);
      }
    }),
  );
}

async function instanceSeenFrom(lab: Lab, overrides: Partial<SessionAppOptions>, code: AppModule = { createSessionApp }) {
  const app = code.createSessionApp(appOptions(lab, overrides));
  const beliefs = new Map<string, Belief[]>();
  const running = await serve((req, res) => {
    const peer = String(req.headers[PEER_HEADER] ?? '127.0.0.1');
    const browser = String(req.headers[BROWSER_HEADER] ?? '');
    delete req.headers[PEER_HEADER];
    delete req.headers[BROWSER_HEADER];
    Object.defineProperty(req.socket, 'remoteAddress', { value: peer, configurable: true });
    app(req, res);
    // Express has made the request its own (req.protocol, req.ip...) before the first await.
    const { protocol, secure, ip } = req as Request;
    beliefs.set(browser, [...(beliefs.get(browser) ?? []), { protocol, secure, ip }]);
  });
  const names = new Map<CookieJar, string>();
  return {
    ...running,
    /** A browser whose requests arrive from `peer`, each carrying `headers`. */
    browserFrom(peer: string, headers: Record<string, string>): CookieJar {
      const name = `${names.size} from ${peer}`;
      const browser = new CookieJar({}, { ...headers, [PEER_HEADER]: peer, [BROWSER_HEADER]: name });
      names.set(browser, name);
      return browser;
    },
    /** What Express believed about each request `browser` sent. */
    beliefsOf: (browser: CookieJar): Belief[] => beliefs.get(names.get(browser) ?? '') ?? [],
  };
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
