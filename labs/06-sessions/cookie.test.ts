// Lab 06 checks, part 5: the cookie's id and its signature. Run: npm test labs/06-sessions
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CookieJar } from '../../harness/lab/http.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { SESSION_COOKIE } from './src/contract.js';
import { browserWith, idInCookie, LESSON, post, processes, SECRET, show, startInstance } from './sessions.support.js';

const lab = useLab('06');

describe("the cookie's id and signature", () => {
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

  it('06.14 the cookie is signed with the secret from the options, exactly as given: the same secret accepts it, another refuses it, the environment changes nothing, and without one (or with a blank one) the app will not start', async () => {
    // Every variable whose name mentions a secret reads as ENV_SECRET from here on, and the
    // code is loaded afresh under it: a secret taken from the environment shows.
    const environment = secretsInEnvironment();
    const [code] = await processes(1);
    const [a, same, other] = await Promise.all([startInstance(lab, {}, code), startInstance(lab, {}, code), startInstance(lab, { secret: 'another deployment, another secret' }, code)]);
    const browser = browserWith();
    const login = await post(browser, `${a.url}/login`, { userId: 8 });
    expect(login.status, `POST /login answered ${show(login)}; expected 200.`).toBe(200);
    const idea = () =>
      `The secret comes from configuration (options.secret), exactly as given (${JSON.stringify(SECRET)}: nothing trimmed), the same on every instance and across deploys; never a constant in the code, a fallback, the environment, or a value each process invents. A hard-coded secret is in every copy of the repository, and anyone who has it can sign session ids (${LESSON}, "What the cookie holds").` +
      (environment.read.size > 0 ? ` The app read ${[...environment.read].join(', ')} from the environment, which the suite had set to ${JSON.stringify(ENV_SECRET)}: whoever builds the options reads the environment, not the app.` : '');
    const accepted = await browser.copy().request(`${same.url}/me`);
    expect(accepted.status, `An instance given the same secret answered GET /me with ${show(accepted)}; expected 200. ${idea()}`).toBe(200);
    const refused = await browser.copy().request(`${other.url}/me`);
    expect(refused.status, `An instance given another secret accepted the cookie: GET /me answered ${show(refused)}; expected 401. ${idea()}`).toBe(401);

    // The same session id, signed the way express-session signs: with options.secret exactly as given it names the session;
    // with secrets from tutorials, the environment's, or one nobody configured, it names none.
    const id = idInCookie(browser.get(SESSION_COOKIE)) ?? '';
    const signedWith = (secret: string) => `s:${id}.${createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '')}`;
    const genuine = await browserWith({ [SESSION_COOKIE]: encodeURIComponent(signedWith(SECRET)) }).request(`${a.url}/me`);
    expect(
      genuine.status,
      `The logged-in session id signed with options.secret as given, ${JSON.stringify(SECRET)} ("${signedWith(SECRET)}"), got GET /me ${show(genuine)}; expected 200: the app signs with some other secret. ${idea()}`,
    ).toBe(200);
    await Promise.all(
      [...WELL_KNOWN_SECRETS, SECRET.trim(), ENV_SECRET, randomBytes(16).toString('hex')].map(async (secret) => {
        const signed = signedWith(secret);
        const me = await browserWith({ [SESSION_COOKIE]: encodeURIComponent(signed) }).request(`${a.url}/me`);
        expect(
          me.status,
          `The logged-in session id signed with ${JSON.stringify(secret)} instead of options.secret ("${signed}") got GET /me ${show(me)}; expected 401: a cookie signed with any secret but the configured one names no session, whatever code sits in front of express-session. ${idea()}`,
        ).toBe(401);
      }),
    );

    // A signature that fits no secret: to refuse it, the app tries every secret it would accept.
    const forged = encodeURIComponent(`s:${id}.not-a-signature`);
    // The spy replaces the CommonJS export; syncBuiltinESMExports carries it to `import { createHmac }` too.
    const hmac = vi.spyOn(createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'), 'createHmac');
    const restore = () => (hmac.mockRestore(), syncBuiltinESMExports());
    syncBuiltinESMExports();
    onTestFinished(restore);
    const tampered = await browserWith({ [SESSION_COOKIE]: forged }).request(`${a.url}/me`);
    const keys = [...new Set(hmac.mock.calls.map(([, key]) => String(key)))].filter((key) => key !== SECRET);
    restore();
    expect(
      keys,
      `To check a forged signature (GET /me answered ${show(tampered)}), the app computed HMACs with ${keys.map((key) => JSON.stringify(key)).join(', ')} besides options.secret: a cookie signed with any of them would be accepted. ${idea()}`,
    ).toEqual([]);

    // Without a secret there is nothing to sign with: the app must refuse to start, and say why, in every environment.
    // Each NODE_ENV gets code loaded under it, in case the code reads it when it loads.
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    for (const environmentName of ['production', 'development', 'test', undefined]) {
      vi.stubEnv('NODE_ENV', environmentName);
      const [bareCode] = await processes(1);
      for (const blank of BLANK_SECRETS) {
        let started: string;
        try {
          const bare = await startInstance(lab, { secret: blank }, bareCode);
          const attempt = await post(browserWith(), `${bare.url}/login`, { userId: 8 });
          started = `createSessionApp accepted it, and POST /login answered ${show(attempt)}`;
        } catch (error) {
          started = `createSessionApp threw: ${(error as Error).message}`;
        }
        expect(
          started,
          `Given the secret ${JSON.stringify(blank)} with NODE_ENV ${environmentName ?? 'unset'}: ${started}. Expected createSessionApp to throw an error that names the missing secret, whatever the environment: a blank secret is a missing one, and an app that starts anyway signs with a secret of its own (or the environment's), or fails every request at run time instead of at deploy time. ${idea()}`,
        ).toMatch(/^createSessionApp threw: .*secret/i);
      }
    }
    vi.unstubAllEnvs();
  });
});

/** Secrets that are missing: empty, and blank (spaces, a tab, the newline of an empty file). */
const BLANK_SECRETS = ['', ' \t\n'];
/** What every unset environment variable whose name mentions a secret reads as during 06.14. */
const ENV_SECRET = 'lab-06: a secret from the environment, not from the options';

/**
 * Until the test ends, every environment variable that is not set reads as ENV_SECRET if
 * its name mentions a secret (SESSION_SECRET, COOKIE_SECRET, PREVIOUS_SESSION_SECRET...)
 * or the lab's own code reads it (SESSION_SIGNING_KEY, whatever the name); `read` collects
 * the names the code asked for.
 */
function secretsInEnvironment(): { read: Set<string> } {
  const real = process.env;
  const read = new Set<string>();
  // The frame that read the variable: the first one outside this file (its trap and helpers).
  const readByLabCode = () => {
    const reader = (new Error().stack ?? '').split('\n').slice(1).find((frame) => !frame.includes('cookie.test.ts')) ?? '';
    return /[\\/](labs[\\/]06-sessions[\\/]src|solutions[\\/]06-sessions[\\/](src|mistakes))[\\/]/.test(reader);
  };
  const invented = (name: string | symbol): name is string => typeof name === 'string' && !Reflect.has(real, name) && (/secret/i.test(name) || readByLabCode());
  process.env = new Proxy(real, {
    get: (target, name) => {
      if (!invented(name)) return Reflect.get(target, name);
      read.add(name);
      return ENV_SECRET;
    },
    has: (target, name) => invented(name) || Reflect.has(target, name),
    // Written on the environment itself (vi.stubEnv, the code), which takes plain values only.
    set: (target, name, value) => Reflect.set(target, name, value),
  });
  onTestFinished(() => {
    process.env = real;
  });
  return { read };
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
