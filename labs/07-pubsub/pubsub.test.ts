// Lab 07 checks. Run: npm test labs/07-pubsub
// Two instances of the app run side by side here, each with its own two Redis connections,
// as two processes would. Each check names a behaviour; its failure says what Redis showed.
import { onTestFinished, describe, expect, it } from 'vitest';
import type { Redis, RedisOptions } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { recordCommands } from '../../harness/lab/lab-redis.js';
import { expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin } from '../../harness/lab/teach.js';
import { expectEventWithin } from '../../harness/lab/expect-event.js';
import { createProfileCache } from './src/profile-cache.js';
import { invalidationChannel, profileKey, type ProfileCache, type ProfileCacheOptions } from './src/contract.js';

const lab = useLab('07');
const LESSON = 'Lesson 07, Pub/sub invalidation';
const profiles = { table: 'profiles', kind: 'select' } as const;
const BOUND_MS = 1500; // liveness bounds: a correct answer needs a few ms (a reconnect ~300 ms)

interface Instance {
  cache: ProfileCache;
  redis: Redis;
  subscriber: Redis;
  /** Every command the command connection has sent, as it grows. */
  commands: string[];
}

/** One app instance: its own command connection and its own subscriber, as a process would have. */
async function instance(
  overrides: Partial<ProfileCacheOptions> = {},
  subscriberOptions: RedisOptions = {},
): Promise<Instance> {
  const redis = lab.redis.client();
  const subscriber = lab.redis.client(subscriberOptions);
  const commands = recordCommands(redis);
  const options = { redis, subscriber, db: lab.db.pool, keyPrefix: lab.redis.prefix, ...overrides };
  const cache = await expectSettlesWithin(createProfileCache(options), BOUND_MS, 'createProfileCache', `createProfileCache resolves once the instance is subscribed; a hang means a command waiting on a connection that never answers (${LESSON}, "A connection of its own").`);
  onTestFinished(() => {
    cache.close().catch(() => {});
    redis.disconnect();
    subscriber.disconnect();
  });
  return { cache, redis, subscriber, commands };
}

/** Commands sent to Redis while `read` ran. */
async function commandsDuring(inst: Instance, read: () => Promise<unknown>): Promise<string[]> {
  const before = inst.commands.length;
  await read();
  return inst.commands.slice(before);
}

const invalidatedFor = (cache: ProfileCache, key: string, who: string, idea: string) =>
  expectEventWithin<[string[]]>(cache, 'invalidated', {
    what: `'invalidated' event naming ${key} on ${who}`,
    idea,
    boundMs: BOUND_MS,
    accept: (keys) => Array.isArray(keys) && keys.includes(key),
  });

describe('two tiers: L1 in memory over a shared L2', () => {
  it('07.1 the first read loads the profile from Postgres and leaves it in Redis for 300 s', async () => {
    const { cache } = await instance();
    const profile = await cache.getProfile(1);
    expect(profile, 'getProfile(1) should return the seeded profile of "User 1"').toMatchObject({ userId: 1, displayName: 'User 1' });
    expectQueries(lab.db, profiles, 1, `A miss in both tiers reads Postgres once (${LESSON}, "Two tiers").`);
    const idea = `L2 is the shared copy in Redis: one SET ... EX with PROFILE_TTL_SECONDS (${LESSON}, "Two tiers").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: 290_000, maxMs: 300_000 }, idea);
  });

  it('07.2 a repeated read on the same instance is served from L1: no Redis command, no query', async () => {
    const a = await instance();
    await a.cache.getProfile(2);
    const sent = await commandsDuring(a, () => a.cache.getProfile(2));
    expect(sent, `The second getProfile(2) sent ${sent.join(', ')} to Redis; an L1 hit sends nothing (${LESSON}, "Two tiers").`).toEqual([]);
    expectQueries(lab.db, profiles, 1, `The second read comes from memory (${LESSON}, "Two tiers").`);
  });

  it("07.3 a second instance finds the first one's copy in Redis: one query for two instances", async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    await a.cache.getProfile(3);
    expect((await b.cache.getProfile(3))?.userId, 'instance B should return profile 3').toBe(3);
    expectQueries(lab.db, profiles, 1, `B misses its own L1 but hits the shared L2 (${LESSON}, "Two tiers").`);
  });
});

describe('L1 is bounded in size and in age', () => {
  it('07.4 L1 keeps at most maxL1Entries, evicting the least recently used entry', async () => {
    const a = await instance({ maxL1Entries: 3 });
    for (const id of [1, 2, 3, 1, 4]) await a.cache.getProfile(id); // 1 is used again just before 4 arrives
    const idea = `An L1 without a size bound grows with every key ever read; evict the least recently used entry, so the hot ones stay (${LESSON}, "Bounding L1").`;
    const one = await commandsDuring(a, () => a.cache.getProfile(1));
    expect(one, `Reading profile 1 sent ${one.join(', ')} to Redis: it was used just before profile 4 arrived, so it should still be in L1.\n${idea}`).toEqual([]);
    const two = await commandsDuring(a, () => a.cache.getProfile(2));
    expect(two, `Reading profile 2 sent nothing to Redis: with maxL1Entries 3, after profiles 1, 2, 3, 1, 4 it was the least recently used and should have been evicted.\n${idea}`).toContain('GET');
  });

  it('07.5 an L1 entry older than maxL1AgeMs is read again from Redis (injected clock)', async () => {
    let nowMs = 1_000_000;
    const a = await instance({ maxL1AgeMs: 1000, now: () => nowMs });
    await a.cache.getProfile(5);
    nowMs += 999;
    const young = await commandsDuring(a, () => a.cache.getProfile(5));
    expect(young, `At 999 ms old the entry is still young enough, yet the read sent ${young.join(', ')} to Redis.`).toEqual([]);
    nowMs += 2;
    const old = await commandsDuring(a, () => a.cache.getProfile(5));
    expect(
      old,
      `At 1001 ms old (maxL1AgeMs 1000, measured with options.now) the read still came from L1. The age bound caps how long a value whose invalidation was lost can be served (${LESSON}, "Bounding L1").`,
    ).toContain('GET');
  });
});

/** What Redis reports about one connection (CLIENT LIST ID), e.g. { sub: '1', flags: 'P' }. */
async function connectionInfo(client: Redis): Promise<Record<string, string>> {
  const id = await client.client('ID');
  const line = String(await lab.redis.admin.client('LIST', 'ID', String(id))).trim();
  return Object.fromEntries(line.split(' ').map((field) => field.split('=', 2) as [string, string]));
}

const subscriptions = (info: Record<string, string>) => Number(info.sub ?? 0) + Number(info.psub ?? 0) + Number(info.ssub ?? 0);

describe('invalidation across instances', () => {
  const idea = `A write must reach every instance's L1: PUBLISH the changed keys on invalidationChannel(keyPrefix), and have every instance SUBSCRIBE on its subscriber connection and drop those keys from L1 (${LESSON}, "Telling the other instances").`;

  it('07.6 a change made on instance A reaches instance B within a bound: B drops its copy and reads the new name', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    await a.cache.getProfile(6);
    await b.cache.getProfile(6); // both L1s now hold "User 6"
    const heard = invalidatedFor(b.cache, profileKey(lab.redis.prefix, 6), 'instance B', idea);
    await a.cache.updateProfile(6, { displayName: 'Renamed on A' });
    expect(
      (await a.cache.getProfile(6))?.displayName,
      `Instance A should read its own change at once: the writer drops its own L1 copy itself rather than wait for its message to come back (${LESSON}, "Telling the other instances").`,
    ).toBe('Renamed on A');
    await heard;
    const onB = await b.cache.getProfile(6);
    expect(onB?.displayName, `After its 'invalidated' event, B read "${onB?.displayName}" instead of "Renamed on A".\n${idea}`).toBe('Renamed on A');
  });

  it('07.7 the invalidation message carries keys, not values', async () => {
    const a = await instance();
    const channel = invalidationChannel(lab.redis.prefix);
    const listener = lab.redis.client(); // the suite's own subscriber, to read what travels on the channel
    onTestFinished(() => listener.disconnect());
    await listener.subscribe(channel);
    const keysIdea = `Send the names of the keys that changed, never the new values: receivers drop their copy and read the current value on demand, so a late or reordered message cannot install an old value, and nothing private travels to every subscriber (${LESSON}, "Keys, not values").`;
    const message = expectEventWithin<[string, string]>(listener, 'message', {
      what: `message on ${channel} after updateProfile(7, ...)`,
      idea: `${idea}\n${keysIdea}`,
      boundMs: BOUND_MS,
      accept: (from) => from === channel,
    });
    const secret = { displayName: 'Quillon Ashgrove', bio: 'Collects antique kettles' };
    await a.cache.updateProfile(7, secret);
    const [, payload] = await message;
    const key = profileKey(lab.redis.prefix, 7);
    expect(payload.includes(key), `The message was ${JSON.stringify(payload)}; it should name the changed key ${key}.\n${keysIdea}`).toBe(true);
    const leaked = Object.values(secret).filter((value) => payload.includes(value));
    expect(leaked, `The message was ${JSON.stringify(payload)}: it carries the new profile.\n${keysIdea}`).toEqual([]);
  });

  it('07.8 the subscription lives on its own connection: the command connection is never in subscribe mode', async () => {
    const a = await instance();
    await a.cache.getProfile(8);
    await a.cache.updateProfile(8, { bio: 'Reads a lot' });
    const [command, subscriber] = await Promise.all([connectionInfo(a.redis), connectionInfo(a.subscriber)]);
    const show = (info: Record<string, string>) => `sub=${info.sub} psub=${info.psub} flags=${info.flags}`;
    expect(
      subscriptions(command),
      `CLIENT LIST shows the command connection with ${show(command)}: it is subscribed. Under RESP3 it still answers GET, but it now also carries every broadcast between your replies, falls under Redis's pub/sub output-buffer limit, and is resubscribed on every reconnect. SUBSCRIBE on options.subscriber only (${LESSON}, "A connection of its own").`,
    ).toBe(0);
    expect(
      subscriptions(subscriber),
      `CLIENT LIST shows the subscriber connection with ${show(subscriber)}: it should be subscribed to ${invalidationChannel(lab.redis.prefix)} by the time createProfileCache resolves (${LESSON}, "A connection of its own").`,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('when the subscriber connection drops', () => {
  const RECONNECT_DELAY_MS = 250; // B's subscriber stays away this long: time for A to write meanwhile
  const lostIdea = `Pub/sub delivers at most once: a message published while a subscriber is disconnected is gone, and ioredis's automatic resubscribe cannot bring it back. When the subscriber is listening again, flush L1 and emit 'resubscribed' (${LESSON}, "When the connection drops").`;

  /** Kills B's subscriber connection from the suite's admin client, as a network blip or a failover would. */
  async function killSubscriber(b: Instance): Promise<{ back: Promise<unknown> }> {
    const id = await b.subscriber.client('ID');
    const back = expectEventWithin(b.cache, 'resubscribed', { what: "'resubscribed' event on instance B after its subscriber was killed", idea: lostIdea, boundMs: BOUND_MS });
    const closed = expectEventWithin(b.subscriber, 'close', { what: "'close' on B's subscriber", idea: 'CLIENT KILL should close it.', boundMs: BOUND_MS });
    await lab.redis.admin.client('KILL', 'ID', String(id));
    await closed;
    return { back };
  }

  it('07.9 after CLIENT KILL, B flushes L1 once it listens again: a change made meanwhile is not served stale', async () => {
    const a = await instance();
    const b = await instance({}, { retryStrategy: () => RECONNECT_DELAY_MS });
    await a.cache.getProfile(9);
    await b.cache.getProfile(9);
    const { back } = await killSubscriber(b);
    await b.cache.getProfile(9); // B keeps serving while its subscriber is away
    await a.cache.updateProfile(9, { displayName: 'Renamed while B was away' });
    expect(b.subscriber.status, `Suite precondition: B's subscriber should still be away while A writes (retry after ${RECONNECT_DELAY_MS} ms).`).not.toBe('ready');
    await back;
    const onB = await b.cache.getProfile(9);
    expect(onB?.displayName, `After reconnecting, B served "${onB?.displayName}" from L1: the invalidation A published while B was away never arrived.\n${lostIdea}`).toBe(
      'Renamed while B was away',
    );
  });

  it('07.10 after the reconnect, B hears new invalidations again', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const { back } = await killSubscriber(b);
    await back;
    await b.cache.getProfile(10);
    const idea = `Once resubscribed, B must hear invalidations as before (${LESSON}, "When the connection drops").`;
    const heard = invalidatedFor(b.cache, profileKey(lab.redis.prefix, 10), 'instance B after its reconnect', idea);
    await a.cache.updateProfile(10, { displayName: 'Renamed after B came back' });
    await heard;
    expect((await b.cache.getProfile(10))?.displayName, idea).toBe('Renamed after B came back');
  });
});
