// Lab 10: what the suites share: app instances, a hand-moved clock, requests by route
// class, and a Redis connection whose process stops after a chosen command. Not a suite.
import type { Redis } from 'ioredis';
import { expect, onTestFinished } from 'vitest';
import { isHandshake } from '../../harness/lab/hold.js';
import { CookieJar, serve, type HttpReply } from '../../harness/lab/http.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import {
  API_KEY_HEADER,
  type FailureLogEntry,
  type LimiterOptions,
  type Policy,
  type RouteClass,
} from './src/contract.js';

export const LESSON = 'Lesson 10, Rate limiting';
export const CLASSES: RouteClass[] = ['read', 'write', 'login'];
/**
 * The bound on Redis the suites give the code unless a check is about the bound: far above
 * what a healthy Redis needs, so a loaded machine cannot turn a slow reply into a failure.
 */
export const PATIENT_MS = 2_000;

/** Where each class lives in the API, and what a let-through request answers. */
export const ROUTES: Record<RouteClass, { method: string; path: string; ok: number }> = {
  read: { method: 'GET', path: '/orders', ok: 200 },
  write: { method: 'POST', path: '/orders', ok: 201 },
  login: { method: 'POST', path: '/login', ok: 200 },
};
/** The same policy for every route class: a rule of the window holds for each of them. */
export const everyClass = (policy: Policy): Record<RouteClass, Policy> => ({ read: policy, write: policy, login: policy });

export const describeRoute = (routeClass: RouteClass): string =>
  `${ROUTES[routeClass].method} ${ROUTES[routeClass].path} (${routeClass})`;

/** One request per route class, sent together. */
export const eachClass = <T>(send: (routeClass: RouteClass) => Promise<T>): Promise<T[]> => Promise.all(CLASSES.map(send));
export const SLIDING = `${LESSON}, "The boundary problem, and the sliding window"`;
export const HEADERS = `${LESSON}, "Per API key, in Express"`;

/**
 * The suite's clock, moved by hand. It starts on a round number, a multiple of every
 * window the suites use, so a fixed window would turn over exactly at `start + windowMs`.
 */
export class Clock {
  static readonly START = 1_800_000_000_000;
  ms = Clock.START;
  readonly now = (): number => this.ms;
  /** Sets the time to `offset` ms after the start. */
  at(offset: number): this {
    this.ms = Clock.START + offset;
    return this;
  }
}

export interface Instance {
  url: string;
  /** This instance's own Redis connection. */
  redis: Redis;
  /** What `log` received. */
  logged: FailureLogEntry[];
  /** One request on a route of `routeClass`; no API key header when `apiKey` is null. */
  send(routeClass: RouteClass, apiKey: string | null): Promise<HttpReply>;
}

type AppCode = typeof import('./src/app.js');

/**
 * `count` instances of the app, each loaded as its own process would load it (no module
 * state shared), with its own Redis connection, all under the lab's key prefix.
 */
export async function startInstances(
  lab: Lab,
  count: number,
  options: Partial<LimiterOptions> = {},
): Promise<Instance[]> {
  const codes = await separateProcesses<AppCode>(count, () => import('./src/app.js'));
  return Promise.all(codes.map((code) => startOne(lab, code, options)));
}

async function startOne(lab: Lab, code: AppCode, options: Partial<LimiterOptions>) {
  const redis = options.redis ?? lab.redis.client();
  const logged: FailureLogEntry[] = [];
  const app = await serve(
    code.createApp({
      keyPrefix: lab.redis.prefix,
      redisTimeoutMs: PATIENT_MS,
      log: (entry) => logged.push(entry),
      ...options,
      redis,
    }),
  );
  onTestFinished(() => redis.disconnect());
  const caller = new CookieJar();
  const send = (routeClass: RouteClass, apiKey: string | null) => {
    const { method, path } = ROUTES[routeClass];
    const headers: Record<string, string> = apiKey === null ? {} : { [API_KEY_HEADER]: apiKey };
    return expectSettlesWithin(
      caller.request(app.url + path, { method, headers }),
      LIVENESS_MS,
      `${method} ${path}`,
      'A rate limiter answers at once: from Redis, or from the class\'s failure policy when Redis ' +
        `does not answer within redisTimeoutMs (${LESSON}, "Per API key, in Express").`,
    );
  };
  return { url: app.url, redis, logged, send };
}

/**
 * Independent parts of one check, run side by side (each on keys and clients of its own, so
 * their round trips overlap) and reported as if run one after the other: the first part's
 * failure if it failed, else the next one's.
 */
export async function sideBySide<T extends readonly unknown[]>(...parts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(parts);
  for (const part of settled) if (part.status === 'rejected') throw part.reason;
  return settled.map((part) => (part as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** How many replies had each status, e.g. "7 × 200, 5 × 429". */
export function statusCounts(replies: { status: number }[]): string {
  const counts = new Map<number, number>();
  for (const reply of replies) counts.set(reply.status, (counts.get(reply.status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`).join(', ');
}

/** Requests sent all at once, spread over the instances in turn. */
export function burst(
  instances: Instance[],
  routeClass: RouteClass,
  apiKey: string,
  count: number,
): Promise<HttpReply[]> {
  const replies = Array.from({ length: count }, (_, i) => instances[i % instances.length]!.send(routeClass, apiKey));
  return Promise.all(replies);
}

/** Asserts the statuses: `admitted` with the route's success status and the rest 429, nothing else. */
export function expectAdmitted(replies: { status: number }[], routeClass: RouteClass, admitted: number, situation: string, idea: string) {
  const ok = ROUTES[routeClass].ok;
  const seen = statusCounts(replies);
  const expected = [admitted > 0 && `${admitted} × ${ok}`, replies.length > admitted && `${replies.length - admitted} × 429`];
  const message = `${situation}: ${describeRoute(routeClass)} answered ${seen}; expected ${expected.filter(Boolean).join(', ')}.\n${idea}`;
  expect(replies.filter((r) => r.status === ok).length, message).toBe(admitted);
  expect(replies.filter((r) => r.status === 429).length, message).toBe(replies.length - admitted);
}

/** A reply's header as a number (NaN when absent or not a whole number). */
export function headerNumber(reply: HttpReply, name: string): number {
  const value = reply.headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
}

/** A reply's budget fields as sent, for failure messages. */
export const show = (reply: HttpReply) =>
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After']
    .map((name) => `${name}: ${reply.headers.get(name) ?? '(absent)'}`)
    .join(', ');

/**
 * From its `allowed`-th command on, `client` behaves like the connection of a process that
 * has stopped: nothing more reaches Redis, the pending commands fail, the socket closes.
 * Commands ioredis sends when a connection opens are not counted.
 */
export function stopAfter(client: Redis, allowed: number): void {
  let sent = 0;
  wrapCommands(client, (command, send) => {
    if (isHandshake(command)) return send(command);
    if (sent < allowed) {
      sent += 1;
      return send(command);
    }
    command.reject(new Error('the process stopped before sending this command'));
    queueMicrotask(() => client.disconnect());
    return command.promise;
  });
}

/** The names of every command `client` sends from now on, handshake excluded. */
export function countCommands(client: Redis): string[] {
  const names: string[] = [];
  wrapCommands(client, (command, send) => {
    if (!isHandshake(command)) names.push(command.name.toLowerCase());
    return send(command);
  });
  return names;
}

/** The commands that tell how many entries a key of each type holds; a string is one entry. */
const SIZE_OF: Record<string, string> = { zset: 'ZCARD', set: 'SCARD', hash: 'HLEN', list: 'LLEN' };

/** Each key under the lab's prefix with the number of entries it holds, whatever its type. */
export async function entriesPerKey(lab: Lab): Promise<{ key: string; entries: number }[]> {
  const keys = await lab.redis.keys();
  return Promise.all(
    keys.map(async ({ key }) => {
      const size = SIZE_OF[await lab.redis.admin.type(key)];
      return { key, entries: size ? Number(await lab.redis.admin.call(size, key)) : 1 };
    }),
  );
}
