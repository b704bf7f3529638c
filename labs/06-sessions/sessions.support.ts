// Lab 06: what the suites share: app instances behind a TLS-terminating balancer,
// browsers, reading a session's id and key out of its cookie, and a Redis client that
// refuses commands on demand. Not a suite.
import type { Redis } from 'ioredis';
import { CookieJar, serve, type HttpReply, type SetCookie } from '../../harness/lab/http.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { refuseWhere } from '../../harness/lab/lab-redis.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import { createSessionApp } from './src/app.js';
import { SESSION_COOKIE, SESSION_KEY_SEGMENT, type SessionAppOptions } from './src/contract.js';

export const LESSON = 'Lesson 06, Sessions in Redis';
/**
 * What every instance is given unless a check says otherwise: one secret for the whole
 * deployment. The spaces and the newline around it are part of it (a secret is used exactly
 * as given), and so is the comma (it is one secret, not a list).
 */
export const SECRET = ' lab-06: one secret, shared by every instance\n';
/** Not the default (15 minutes), so a check can tell the option was used. */
export const MAX_AGE_MS = 60_000;

export interface AppModule {
  createSessionApp: typeof createSessionApp;
}

/** `count` processes: each loads the app's code afresh, so no module-level state is shared. */
export const processes = (count: number) => separateProcesses<AppModule>(count, () => import('./src/app.js'));

/**
 * The options of one instance behind the balancer (trustProxy), with a Redis connection
 * of its own. An override of `undefined` leaves the option out, as an app configured
 * without it would be.
 */
export function appOptions(lab: Lab, overrides: Partial<SessionAppOptions> = {}): SessionAppOptions {
  const defaults = { db: lab.db.pool, keyPrefix: lab.redis.prefix, secret: SECRET, maxAgeMs: MAX_AGE_MS, trustProxy: true };
  const merged = { redis: overrides.redis ?? lab.redis.client(), ...defaults, ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as unknown as SessionAppOptions;
}

/** An instance of the app (from `code`, another process's copy, when given), listening until the test ends. */
export const startInstance = (lab: Lab, overrides: Partial<SessionAppOptions> = {}, code: AppModule = { createSessionApp }) =>
  serve(code.createSessionApp(appOptions(lab, overrides)));


/**
 * From `fault.on = true` until it is set back, `client` refuses with `error` (refuseWhere) every command
 * `refuses` picks by name and server flags (COMMAND's table), and every script, which
 * may do any of it. `fault.once` switches the fault off after the first refusal (a blip).
 */
export async function refuseCommands(lab: Lab, client: Redis, refuses: (name: string, flags: string[]) => boolean, error: Error) {
  const table = (await lab.redis.admin.call('COMMAND')) as [string, number, string[]][];
  const refused = new Set(table.filter(([name, , flags]) => refuses(name.toLowerCase(), flags)).map(([name]) => name.toLowerCase()));
  for (const script of ['eval', 'evalsha', 'fcall']) refused.add(script);
  const fault = { on: false, once: false };
  refuseWhere(
    client,
    (name) => {
      if (!fault.on || !refused.has(name)) return false;
      if (fault.once) fault.on = false;
      return true;
    },
    error,
  );
  return fault;
}

/** A browser whose every request carries `X-Forwarded-Proto: proto`: what the balancer adds, or what any client can forge. */
export const browserWith = (cookies: Record<string, string> = {}, proto = 'https') => new CookieJar(cookies, { 'X-Forwarded-Proto': proto });
export const post = (browser: CookieJar, url: string, json?: unknown) => browser.request(url, { method: 'POST', json });
/** A reply for a failure message: its status and (the start of) its body. */
export const show = (reply: HttpReply) => `${reply.status} ${typeof reply.body === 'string' ? reply.body.slice(0, 80) : JSON.stringify(reply.body)}`;

/** `s:<id>.<signature>` (URL-encoded) → `<id>`; undefined for anything else. */
export const idInCookie = (value = '') => /^s:([^.]+)\./.exec(decodeURIComponent(value))?.[1];
/** The session id inside the browser's signed cookie. */
export const idOf = (browser: CookieJar) => idInCookie(browser.get(SESSION_COOKIE));
/** The Redis key of the session `id` names. */
export const sessionKey = (lab: Lab, id: string | undefined) => lab.redis.key(SESSION_KEY_SEGMENT + (id ?? '(no session cookie)'));
/** The Redis key of the session the browser's cookie points at. */
export const sessionKeyOf = (lab: Lab, browser: CookieJar) => sessionKey(lab, idOf(browser));
/** The reply's Set-Cookie for the session cookie, if it sent one. */
export const sessionCookieOf = (reply: HttpReply): SetCookie | undefined => reply.setCookies.find((c) => c.name === SESSION_COOKIE);
