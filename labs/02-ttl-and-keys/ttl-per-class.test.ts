// Lab 02 checks, part 1: how long each kind of data lives. Run: npm test labs/02-ttl-and-keys
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { wrapCommands, type KeyState } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { expectNoKeys, expectQueries } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { TTL_POLICY, type Entity, type ShopCache, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';

/** A bound on each Redis call far above what a healthy one takes: these checks are not about a slow Redis. */
const PATIENT = { redisTimeoutMs: 10_000 };

function cacheWith(overrides: Partial<ShopCacheOptions> = {}): ShopCache {
  return createShopCache({ db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT, ...overrides, redis: overrides.redis ?? lab.redis.client() });
}

type Cached = Exclude<Entity, 'session'>;
const READS: Record<Cached, (cache: ShopCache) => Promise<unknown>> = {
  product: (cache) => cache.getProduct(1),
  inventory: (cache) => cache.getInventory(1),
  profile: (cache) => cache.getProfile(1),
  leaderboard: (cache) => cache.getLeaderboard(),
};

/** The TTL TTL_POLICY gives one write of `entity` when the random source returns `r`. */
function ttlFor(entity: Entity, r: number): number {
  const { seconds, jitter } = TTL_POLICY[entity];
  return seconds * 1000 * (1 + jitter * (2 * r - 1));
}

/**
 * The PTTL a key written with TTL `ttlMs` may show `elapsedMs` after its write began: no
 * more than the TTL (1 ms for rounding), no less than the TTL minus the time that passed.
 */
const window = (ttlMs: number, elapsedMs: number) => ({ min: Math.floor(ttlMs) - 1 - elapsedMs, max: Math.ceil(ttlMs) + 1 });

/**
 * The TTL (ms) the code asked the server to give each key, from the commands the server ran:
 * SET ... PX|EX, PSETEX, SETEX, or a PEXPIRE/EXPIRE after it. A key whose expiry was set in
 * an absolute form (PXAT, EXAT, *EXPIREAT) is left out; its PTTL is judged instead.
 */
function requestedTtls(commands: ServerCommand[]): Map<string, number> {
  const ttls = new Map<string, number>();
  for (const { name, args } of commands) {
    const [key = '', first = ''] = args;
    if (name === 'SET') {
      const at = args.findIndex((word, i) => i >= 2 && /^(PX|EX|PXAT|EXAT)$/i.test(word));
      const unit = args[at]?.toUpperCase();
      if (unit === 'PX' || unit === 'EX') ttls.set(key, Number(args[at + 1]) * (unit === 'EX' ? 1000 : 1));
      else ttls.delete(key);
    } else if (name === 'PSETEX' || name === 'PEXPIRE') ttls.set(key, Number(first));
    else if (name === 'SETEX' || name === 'EXPIRE') ttls.set(key, Number(first) * 1000);
    else if (name.endsWith('EXPIREAT')) ttls.delete(key);
  }
  return ttls;
}

describe('each data class lives as long as its staleness budget', () => {
  const SOURCES = [
    { label: '0, its lowest value', value: 0 },
    { label: '0.3137, between', value: 0.3137 },
    { label: '0.5, the middle', value: 0.5 },
    { label: '1, its highest value', value: 1 },
  ];

  it('02.1 every cached class gets the TTL its table gives, at the point of the band the random source picks', async () => {
    const started = Date.now();
    const runs = SOURCES.map((source, i) => {
      const keyPrefix = `${lab.redis.prefix}r${i}:`;
      return { ...source, keyPrefix, cache: cacheWith({ keyPrefix, random: () => source.value }) };
    });
    const { commands } = await serverCommandsDuring(lab.redis, () =>
      Promise.all(runs.flatMap((run) => Object.values(READS).map((read) => read(run.cache)))),
    );
    const keys = await lab.redis.keys();
    const elapsed = Date.now() - started;
    const requested = requestedTtls(commands);

    const problems: string[] = [];
    for (const run of runs) {
      for (const entity of Object.keys(READS) as Cached[]) {
        const found = keys.filter((k) => k.key.startsWith(run.keyPrefix) && k.key.slice(run.keyPrefix.length).includes(`${entity}:`));
        const ttl = ttlFor(entity, run.value);
        const what = `a ${entity} cached with random() = ${run.label}`;
        if (found.length !== 1) {
          problems.push(`${what}: expected one key under ${run.keyPrefix}, found ${found.map((k) => k.key).join(', ') || 'none'}`);
          continue;
        }
        const [{ key, pttlMs }] = found as [KeyState];
        const asked = requested.get(key);
        const { min, max } = window(ttl, elapsed);
        if (asked !== undefined && Math.abs(asked - ttl) > 1) {
          problems.push(`${what}: the server was asked for a TTL of ${asked} ms on ${key}, expected ${Math.round(ttl)} ms`);
        } else if (pttlMs < min || pttlMs > max) {
          problems.push(`${what}: ${key} has PTTL ${pttlMs} ms, expected ${Math.round(ttl)} ms (between ${min} and ${max} after ${elapsed} ms)`);
        }
      }
    }
    expect(
      problems,
      `${problems.join('\n')}\nEach class has its own TTL (TTL_POLICY in contract.ts: profile 300 s, product 3600 s, inventory 30 s, ` +
        `leaderboard 600 s, each ± 10 %), and the random source handed in decides where in the band one write lands: ` +
        `0 the shortest, 0.5 the base, 1 the longest, in whole milliseconds with PX (EX rounds to seconds) ` +
        `(${LESSON}, "A TTL per data class" and "Jitter").`,
    ).toEqual([]);
  });

  it('02.2 a session lives exactly 900 s whatever the random source, and every start and every read by any instance, done when it resolves, sets it back to 900 s', async () => {
    const idleMs = TTL_POLICY.session.seconds * 1000;
    const idea = `A session is an idle timeout: exactly ${idleMs / 1000} s (jitter would make it shorter or longer than promised), restarted by every read however recent the last renewal, on whichever instance serves it, and restarted by the time the read resolves, not in the background: e.g. GETEX key PX ${idleMs} (${LESSON}, "Sessions slide").`;
    // Two instances of the app: separate module instances, so only Redis is shared between them.
    const [a, b] = await separateProcesses(2, () => import('./src/shop-cache.js'));
    const options = { db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT };
    // B's connection is a little slow: each command reaches the server 20 ms after it is sent,
    // so a renewal left running after getSession resolved has not happened yet when PTTL is read.
    const slow = lab.redis.client();
    await slow.ping();
    wrapCommands(slow, (command, send) => (setTimeout(() => send(command), 20), command.promise));
    const instanceA = a!.createShopCache({ ...options, redis: lab.redis.client(), random: () => 0 });
    const instanceB = b!.createShopCache({ ...options, redis: slow, random: () => 1 });
    const sessionKey = async (id: string) => (await lab.redis.keys()).find((k) => k.key.includes(id));

    const login = Date.now();
    await Promise.all([instanceA.startSession('s-ann', { userId: 4 }), instanceB.startSession('s-bob', { userId: 7 })]);
    for (const id of ['s-ann', 's-bob']) {
      const state = await sessionKey(id);
      const { min, max } = window(idleMs, Date.now() - login);
      expect(state, `No key holds session ${id} after startSession resolved. ${idea}`).toBeDefined();
      expect(state!.pttlMs, `Session ${id} (${state!.key}) has PTTL ${state!.pttlMs} ms right after startSession; expected ${min}..${max}. ${idea}`).toBeGreaterThanOrEqual(min);
      expect(state!.pttlMs, `Session ${id} (${state!.key}) has PTTL ${state!.pttlMs} ms right after startSession; expected ${min}..${max}. ${idea}`).toBeLessThanOrEqual(max);
    }

    // Each click comes after the user was idle for a while (5 s only, the last one); each
    // instance serves the same session twice.
    const clicks = [
      [instanceB, 'B', 's-ann', 4, 60_000],
      [instanceA, 'A', 's-ann', 4, 600_000],
      [instanceA, 'A', 's-bob', 7, 60_000],
      [instanceB, 'B', 's-ann', 4, 600_000],
      [instanceA, 'A', 's-bob', 7, 600_000],
      [instanceB, 'B', 's-bob', 7, 895_000],
    ] as const;
    for (const [instance, name, id, userId, leftMs] of clicks) {
      const { key } = (await sessionKey(id))!;
      await lab.redis.admin.pexpire(key, leftMs);
      const click = Date.now();
      const read = await instance.getSession(id);
      expect(read, `Instance ${name}'s getSession('${id}') returned ${JSON.stringify(read)}. ${idea}`).toEqual({ userId });
      const pttl = await lab.redis.admin.pttl(key);
      const { min, max } = window(idleMs, Date.now() - click);
      const what = `Session ${id} had ${leftMs / 1000} s left when instance ${name} read it; PTTL is ${pttl} ms after the read, expected ${min}..${max}.`;
      expect(pttl, `${what} ${idea}`).toBeGreaterThanOrEqual(min);
      expect(pttl, `${what} ${idea}`).toBeLessThanOrEqual(max);
    }

    // startSession on an id that already holds a session (the browser logs in again) stores what it is handed, for a full 900 s.
    const { key: annKey } = (await sessionKey('s-ann'))!;
    await lab.redis.admin.pexpire(annKey, 60_000);
    const relogin = Date.now();
    await instanceA.startSession('s-ann', { userId: 5 });
    const pttl = await lab.redis.admin.pttl(annKey);
    const { min, max } = window(idleMs, Date.now() - relogin);
    const what = `Session s-ann (userId 4) had 60 s left when instance A started it again with { userId: 5 }; PTTL is ${pttl} ms after startSession resolved, expected ${min}..${max}.`;
    expect(pttl, `${what} startSession resolves once the session is stored, new data and full idle timeout: a SET that is skipped when the key exists (NX) resolves without storing. ${idea}`).toBeGreaterThanOrEqual(min);
    expect(pttl, `${what} ${idea}`).toBeLessThanOrEqual(max);
    const again = await instanceB.getSession('s-ann');
    expect(again, `After instance A started session s-ann again with { userId: 5 }, instance B's getSession('s-ann') returned ${JSON.stringify(again)}. startSession resolves once what it was handed is stored. ${idea}`).toEqual({ userId: 5 });
    expect(await instanceB.getSession('s-unknown'), 'A session that was never started reads as null').toBeNull();
    const keys = (await lab.redis.keys()).map((k) => k.key);
    expect(keys.length, `Two sessions started, so two keys expected; Redis holds ${keys.join(', ')}. Reading an unknown session must not create one. ${idea}`).toBe(2);
  });

  it('02.3 account balances are never cached: every read reaches Postgres, shows the committed value, and sends nothing to Redis', async () => {
    const redis = lab.redis.client();
    await redis.ping(); // connected before the watch starts, so the handshake is not counted
    const cache = cacheWith({ redis });
    const idea = `A balance has no staleness budget: a payment checked against an old balance is a real loss. Read it from Postgres every time and send Redis nothing at all for it, on any connection: no GET, no SET, no copy "for later" (${LESSON}, "What never to cache").`;
    const { result, commands } = await serverCommandsDuring(lab.redis, async () => {
      const first = await Promise.all([cache.getBalance(2), cache.getBalance(3), cache.getBalance(99)]);
      await lab.db.sql('UPDATE accounts SET balance_cents = 12345 WHERE user_id = 2'); // a payment lands
      const afterOne = await cache.getBalance(2);
      await lab.db.sql('UPDATE accounts SET balance_cents = 2345 WHERE user_id = 2'); // and another
      const afterTwo = await cache.getBalance(2);
      return { first, afterOne, afterTwo };
    });
    expect(result.first, 'getBalance(2), (3) and (99) should return the seeded balances, and null for a user without an account').toEqual([
      { userId: 2, balanceCents: 20_000 },
      { userId: 3, balanceCents: 30_000 },
      null,
    ]);
    expect(result.afterOne?.balanceCents, `After a payment set the balance to 12345 in Postgres, getBalance(2) returned ${result.afterOne?.balanceCents}. ${idea}`).toBe(12_345);
    expect(result.afterTwo?.balanceCents, `After a second payment set it to 2345, getBalance(2) returned ${result.afterTwo?.balanceCents}. ${idea}`).toBe(2_345);
    expectQueries(lab.db, { table: 'accounts', kind: 'select' }, 5, `Five getBalance calls. ${idea}`);
    const sent = commands.map((c) => [c.name, ...c.args].join(' ').slice(0, 100));
    expect(sent, `The server saw the code send, during five balance reads:\n  ${sent.join('\n  ')}\nExpected nothing. ${idea}`).toEqual([]);
    await expectNoKeys(lab.redis, idea);
  });

  it("02.15 a hit leaves a cached value's expiry alone, with half of it left or almost none: its TTL still counts from the miss that loaded it, for every class", async () => {
    const idea = `A TTL is a staleness budget: the longest a copy may be served after Postgres last gave it. A hit reads the value and leaves its expiry alone (GET, not GETEX ... PX, no PEXPIRE); a hit that renews it keeps a popular product, its stock or the leaderboard cached for as long as it is read, never reloaded. Only sessions slide (${LESSON}, "A TTL is a staleness budget").`;
    const entities = Object.keys(READS) as Cached[];
    await Promise.all(entities.map((entity) => READS[entity](cacheWith())));
    const reader = cacheWith(); // another instance, serving hits
    // Half of each copy's life has passed, then all but 4.7 % of it (a hit that renews only a
    // copy about to expire renews it for as long as it is read): the rest is how long it may still be served.
    for (const share of [0.5, 0.047]) {
      const left = new Map<string, number>();
      for (const { key } of await lab.redis.keys()) {
        const entity = entities.find((e) => key.slice(lab.redis.prefix.length).includes(`${e}:`));
        if (!entity) continue;
        left.set(key, Math.round(TTL_POLICY[entity].seconds * 1000 * share));
        await lab.redis.admin.pexpire(key, left.get(key)!);
      }
      expect(left.size, `One read of each class cached ${left.size} keys: ${[...left.keys()].join(', ') || 'none'}; expected four. ${idea}`).toBe(entities.length);

      for (let round = 0; round < 2; round++) await Promise.all(entities.map((entity) => READS[entity](reader)));
      const problems = (await lab.redis.keys()).flatMap(({ key, pttlMs }) => {
        const before = left.get(key);
        return before !== undefined && pttlMs > before ? [`${key} had ${before} ms left (${share * 100} % of its TTL) before two hits, and ${pttlMs} ms after them`] : [];
      });
      expect(problems, `${problems.join('\n')}\nExpected each key's PTTL to keep running down through the hits, however little is left. ${idea}`).toEqual([]);
    }
  });
});
