// Lab 07: what the four suites share, starting app instances. Not a suite.
import { createHook } from 'node:async_hooks';
import type { Redis, RedisOptions } from 'ioredis';
import { onTestFinished } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import { serverCommandsDuring } from '../../harness/lab/server-commands.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import type { ProfileCache, ProfileCacheOptions } from './src/contract.js';

export const LESSON = 'Lesson 07, Pub/sub invalidation';
/** The commands that subscribe a connection, in lower case (hold.ts names). */
export const SUBSCRIBES = new Set(['subscribe', 'psubscribe', 'ssubscribe']);
/** The commands that end a subscription, in lower case (hold.ts names). */
export const UNSUBSCRIBES = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe']);
/** Liveness bounds: far above the few ms a correct answer needs (a reconnect about 10 ms). */
export const BOUND_MS = LIVENESS_MS;

type Code = typeof import('./src/profile-cache.js');

export interface Instance {
  cache: ProfileCache;
  redis: Redis;
  subscriber: Redis;
}

/**
 * How a suite starts app instances, each loaded the way its own process would load it (no
 * module state shared) with its own command connection and subscriber. `subscriber`
 * options go to every subscriber connection (e.g. a quick reconnect). `load(n)` gives the
 * code of n processes, for a check that opens caches in one of them when it likes.
 */
export function appInstances(lab: Lab, subscriberOptions: RedisOptions = {}) {
  const load = (count: number) => separateProcesses(count, () => import('./src/profile-cache.js'));

  async function instance(overrides: Partial<ProfileCacheOptions> = {}, loaded?: Code): Promise<Instance> {
    const code = loaded ?? (await load(1))[0]!;
    const redis = overrides.redis ?? lab.redis.client();
    const subscriber = overrides.subscriber ?? lab.redis.client(subscriberOptions);
    const options = { db: lab.db.pool, keyPrefix: lab.redis.prefix, ...overrides, redis, subscriber };
    const cache = await expectSettlesWithin(
      code.createProfileCache(options),
      BOUND_MS,
      'createProfileCache',
      `createProfileCache resolves once the instance is subscribed (${LESSON}, "A connection of its own").`,
    );
    onTestFinished(() => {
      cache.close().catch(() => {});
      redis.disconnect();
      subscriber.disconnect();
    });
    return { cache, redis, subscriber };
  }

  /** `count` instances, as `count` separate processes, started side by side. */
  async function instances<N extends 2 | 3>(count: N): Promise<N extends 3 ? [Instance, Instance, Instance] : [Instance, Instance]> {
    const codes = await load(count);
    return Promise.all(codes.map((code) => instance({}, code))) as Promise<never>;
  }

  /** Two caches of one process: the code loaded once, so they share its module state, as two caches of one app do. */
  async function oneProcess(): Promise<[Instance, Instance]> {
    const [code] = await load(1);
    return Promise.all([instance({}, code), instance({}, code)]);
  }

  return { instance, instances, oneProcess, load };
}

/**
 * Waits until every message published so far on `publishers` has been handled by `readers`:
 * Redis pushes a message before its reply to any later command on the same connection.
 */
export async function handled(publishers: Redis[], readers: Instance[]): Promise<void> {
  await Promise.all(publishers.map((publisher) => publisher.ping()));
  await Promise.all(readers.flatMap((reader) => [reader.subscriber.ping(), reader.redis.ping()]));
}

/** How many channels and patterns a connection is subscribed to, from its CLIENT LIST fields. */
export const subscriptions = (info: Record<string, string>) => Number(info.sub ?? 0) + Number(info.psub ?? 0) + Number(info.ssub ?? 0);

/** The names of the commands the server ran for the code under test while `work` ran, on any of its connections (a duplicate() included). */
export async function sentDuring(lab: Lab, work: () => Promise<unknown>): Promise<string[]> {
  const { commands } = await serverCommandsDuring(lab.redis, work);
  return commands.map((command) => command.name);
}

/**
 * How many repeating timers (setInterval, in any form) were started while `work` ran and
 * are still running once it has resolved: what a cache opened and closed in `work` left
 * behind. Timers of the harness and the connections are one-shot; only a repeating one counts.
 */
export async function intervalsLeftBy(work: () => Promise<unknown>): Promise<number> {
  const started: object[] = [];
  const hook = createHook({ init: (_id, type, _trigger, resource) => void (type === 'Timeout' && started.push(resource)) });
  hook.enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  // Node marks a Timeout it will never run again (cleared, or a one-shot that fired) _destroyed; _repeat is an interval's period.
  return started.filter((timer) => {
    const { _repeat, _destroyed } = timer as { _repeat?: number | null; _destroyed?: boolean };
    return typeof _repeat === 'number' && !_destroyed;
  }).length;
}
