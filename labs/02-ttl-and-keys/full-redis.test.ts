// Lab 02 checks, part 4: a server whose memory is full, and the policy that decides what it evicts.
// Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { ReplyError, type Command } from 'ioredis';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectNoKeys, expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { evictionScope, readEvictionPolicy } from './src/eviction.js';
import { LEADERBOARD_ID, LEADERBOARD_SIZE, REDIS_TIMEOUT_MS, SHAPE_VERSION, type EvictionScope } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';
/** Far above what a healthy Redis takes: the checks that use it are not about a slow Redis. */
const PATIENT_MS = 10_000;
/** A liveness bound, far above the REDIS_TIMEOUT_MS a correct answer spends. */
const BOUND_MS = 16 * REDIS_TIMEOUT_MS;

const named = (names: Set<string>, command: Command) => names.has(command.name.toLowerCase());

describe('when memory is full', () => {
  const POLICIES: Record<string, EvictionScope> = {
    noeviction: 'none',
    'allkeys-lru': 'any-key',
    'allkeys-lfu': 'any-key',
    'allkeys-random': 'any-key',
    'volatile-lru': 'keys-with-ttl',
    'volatile-lfu': 'keys-with-ttl',
    'volatile-random': 'keys-with-ttl',
    'volatile-ttl': 'keys-with-ttl',
  };

  /** CONFIG GET only: the server is shared, so the suite reads its policy and never sets it. */
  async function serverPolicy(): Promise<string | null> {
    const reply = (await lab.redis.admin.config('GET', 'maxmemory-policy')) as string[];
    return reply[1] ?? null;
  }

  /**
   * A server that runs `policy` (a managed service, say): CONFIG GET and INFO answer as the
   * real server does, with `policy` in place of its own, or without the setting at all when
   * `policy` is null (a proxy that does not pass it on). Any other CONFIG call is refused
   * and noted in `changes`: the check must never change a server it shares.
   */
  const serverRunning = (policy: string | null, changes: string[]) =>
    lab.redis.readyClient((command, send) => {
      const [sub = '', ...rest] = command.args.map(String);
      const name = command.name.toLowerCase();
      if (name === 'config' && sub.toLowerCase() !== 'get') {
        changes.push(['CONFIG', sub, ...rest].join(' '));
        command.reject(new ReplyError('ERR this check refuses to change a shared server'));
      } else if (name === 'config') {
        lab.redis.admin.call('CONFIG', sub, ...rest).then((reply) => {
          const pairs = (reply as string[]).flatMap((word, i, all) => (i % 2 === 1 ? [] : [[word, all[i + 1]!] as const]));
          const played = pairs.flatMap(([key, value]) => (key !== 'maxmemory-policy' ? [key, value] : policy === null ? [] : [key, policy]));
          command.resolve(played);
        }, command.reject);
      } else if (name === 'info') {
        const line = policy === null ? '' : `maxmemory_policy:${policy}\r\n`;
        lab.redis.admin.call('INFO', sub, ...rest).then((text) => command.resolve(String(text).replace(/maxmemory_policy:\S+\r?\n/, line)), command.reject);
      } else {
        return send(command);
      }
      return command.promise;
    });

  it("02.8 reads the server's maxmemory-policy without changing it, says null when the server will not tell, and knows each policy's scope", async () => {
    const idea = `Check the policy the server runs, don't assume it (managed services often run volatile-lru, and many refuse CONFIG): read it with CONFIG GET on the client you are handed, never CONFIG SET a server you share, and return null when the server refuses or gives no answer within timeoutMs (default REDIS_TIMEOUT_MS, ${REDIS_TIMEOUT_MS} ms). noeviction evicts nothing (full memory makes writes fail), allkeys-* any key, volatile-* only keys that have a TTL (${LESSON}, "Eviction policies").`;
    const before = await serverPolicy();
    const changes: string[] = [];
    const silentNames = new Set(['config', 'info']);
    const refusing = await lab.redis.readyClient((c, send) => (named(silentNames, c) ? (c.reject(new ReplyError("ERR unknown command 'CONFIG'")), c.promise) : send(c)));
    const silent = await lab.redis.readyClient((c, send) => (named(silentNames, c) ? c.promise : send(c)));
    const others = ['volatile-lfu', 'allkeys-random', 'volatile-ttl'];
    const played = await Promise.all([...others, null].map((policy) => serverRunning(policy, changes)));
    // Every server the code may meet, asked at once, and what each answer must be.
    const servers: [string, Promise<string | null>, string | null][] = [
      [`runs ${before} (this server)`, readEvictionPolicy(lab.redis.client(), PATIENT_MS), before],
      ...others.map((policy, i): [string, Promise<string | null>, string] => [`runs ${policy}`, readEvictionPolicy(played[i]!, PATIENT_MS), policy]),
      ['does not know the setting (CONFIG GET gives nothing)', readEvictionPolicy(played[others.length]!, PATIENT_MS), null],
      ['refuses CONFIG (and INFO)', readEvictionPolicy(refusing), null],
      ['does not answer CONFIG (or INFO), read with timeoutMs 50', readEvictionPolicy(silent, 50), null],
      ['does not answer CONFIG (or INFO), read with the default timeout', readEvictionPolicy(silent), null],
    ];
    // The same server asked twice, its policy changed in between (an operator's CONFIG SET, or a
    // failover to a replica configured otherwise): the second answer is the new policy.
    const changing = ['volatile-lru', 'allkeys-lfu'];
    let asked = 0;
    const changed = await lab.redis.readyClient((c, send) => {
      if (c.name.toLowerCase() !== 'config') return send(c);
      c.resolve(['maxmemory-policy', changing[Math.min(asked++, 1)]!]);
      return c.promise;
    });
    const first = await readEvictionPolicy(changed, PATIENT_MS);
    expect(first, `On a server that runs ${changing[0]}, readEvictionPolicy gave ${JSON.stringify(first)}. ${idea}`).toBe(changing[0]);
    servers.push([`ran ${changing[0]} when first asked (it said ${JSON.stringify(first)}), then switched to ${changing[1]}`, readEvictionPolicy(changed, PATIENT_MS), changing[1]!]);
    for (const [server, read, expected] of servers) {
      const reported = await expectSettlesWithin(outcome(read), BOUND_MS, `readEvictionPolicy on a server that ${server}`, idea);
      const meaning = expected === null ? 'null, "unknown"' : JSON.stringify(expected);
      expect(reported, `On a server that ${server}, readEvictionPolicy gave ${JSON.stringify(reported)}; expected ${meaning}. ${idea}`).toEqual({ value: expected });
    }
    expect(changes, `The code tried to change the server's configuration: ${changes.join('; ')}. ${idea}`).toEqual([]);
    for (const [policy, scope] of Object.entries(POLICIES)) {
      const answer = evictionScope(policy);
      expect(answer, `evictionScope('${policy}') returned '${answer}', expected '${scope}'. ${idea}`).toBe(scope);
    }
    expect(await serverPolicy(), "The server's maxmemory-policy changed during the check: never CONFIG SET a shared server.").toBe(before);
  });

  /** Commands the server refuses under noeviction when memory is full (its own `denyoom` flag), and scripts, which may write. */
  async function needsMemory(): Promise<string[]> {
    const table = (await lab.redis.admin.call('COMMAND')) as [string, number, string[]][];
    return [...table.filter((c) => c[2].includes('denyoom')).map((c) => c[0].toLowerCase()), 'eval', 'evalsha', 'fcall'];
  }

  /** The lines the code prints on the console while `work` runs, as warnings (warn, error) and as plain lines (log, info, debug); nothing reaches the terminal. */
  async function consoleDuring(work: () => Promise<void>): Promise<{ warnings: string[]; plain: string[] }> {
    const warnings = captureConsole('02', ['warn', 'error']);
    const plain = captureConsole('02', ['log', 'info', 'debug']);
    try {
      await work();
    } finally {
      warnings.restore();
      plain.restore();
    }
    return { warnings: warnings.lines(), plain: plain.lines() };
  }

  it('02.9 a full Redis that refuses writes (OOM) costs the cache, not the read, for every class, and each refused write is logged; a session write fails loudly', async () => {
    const full = lab.redis.refusingClient(await needsMemory(), new ReplyError("OOM command not allowed when used memory > 'maxmemory'."));
    const cache = createShopCache({ redis: full, db: lab.db.pool, keyPrefix: lab.redis.prefix, redisTimeoutMs: PATIENT_MS });
    const idea = `Under noeviction a full Redis still answers reads and refuses every write that needs memory ("OOM command not allowed"). A cache write is best effort: log the refusal, naming the key, and return what Postgres gave. A session has no other copy, so failing to store it must reach the caller (${LESSON}, "Eviction policies").`;
    const one = async (sql: string) => (await lab.db.sql(sql, [5]))[0];
    const expected = [
      await one('SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE id = $1'),
      await one('SELECT product_id AS "productId", quantity FROM inventory WHERE product_id = $1'),
      await one('SELECT user_id AS "userId", display_name AS "displayName", bio FROM profiles WHERE user_id = $1'),
      await lab.db.sql(
        `SELECT v.product_id AS "productId", p.name, v.views::integer AS views FROM product_views v
           JOIN products p ON p.id = v.product_id ORDER BY v.views DESC, v.product_id LIMIT $1`,
        [LEADERBOARD_SIZE],
      ),
      await one('SELECT user_id AS "userId", balance_cents::float8 AS "balanceCents" FROM accounts WHERE user_id = $1'),
    ];
    const { warnings: logged, plain } = await consoleDuring(async () => {
      for (const round of ['first', 'second']) {
        const result = await outcome(Promise.all([cache.getProduct(5), cache.getInventory(5), cache.getProfile(5), cache.getLeaderboard(), cache.getBalance(5)]));
        expect(result, `The ${round} round of reads (product, stock, profile and balance 5, and the leaderboard) gave ${JSON.stringify(result)}. ${idea}`).toEqual({ value: expected });
      }
    });
    const v = SHAPE_VERSION;
    const refused = [`product:5:v${v.product}`, `inventory:5:v${v.inventory}`, `profile:5:v${v.profile}`, `leaderboard:${LEADERBOARD_ID}:v${v.leaderboard}`].map((name) => lab.redis.key(name));
    // Each key was refused twice, by this one cache: each refusal is a line, a repeat as much as the first.
    const unlogged = refused.filter((key) => logged.filter((line) => line.includes(key)).length < 2);
    const plainly = unlogged.filter((key) => plain.some((line) => line.includes(key)));
    expect(
      plainly,
      `The full Redis refused the cache writes of ${plainly.join(', ')}, and the code named them only in console.log, info or debug lines (${JSON.stringify(plain)}). ` +
        `A refused write is something going wrong: log it as a warning (console.warn or console.error), which is what log collectors and alerts watch, not as routine output. ${idea}`,
    ).toEqual([]);
    expect(
      unlogged,
      `The full Redis refused the cache writes of ${unlogged.join(', ')} in each of two rounds of reads by the same cache, and fewer than two warnings (console.warn or console.error) named each (the code printed: ${JSON.stringify(logged)}). ` +
        `Skipping a refused write is right, but silently: log every refusal with its key, the second as much as the first (a note of "already said" per key hides a cache that stays empty), so whoever runs the service sees that the cache has stopped filling before the database feels it. ${idea}`,
    ).toEqual([]);
    const login = await outcome(cache.startSession('s-full', { userId: 5 }));
    expect('error' in login, `startSession on a full Redis resolved; the user would believe they are logged in. ${idea}`).toBe(true);
    // Any refusal, not only OOM: a replica after a failover answers READONLY, and the reads go on the same.
    const replica = lab.redis.refusingClient(await needsMemory(), new ReplyError("READONLY You can't write against a read only replica."));
    const onReplica = createShopCache({ redis: replica, db: lab.db.pool, keyPrefix: lab.redis.prefix, redisTimeoutMs: PATIENT_MS });
    const { warnings: replicaLogged } = await consoleDuring(async () => {
      const result = await outcome(Promise.all([onReplica.getProduct(5), onReplica.getInventory(5)]));
      expect(result, `On a Redis that refuses writes with READONLY (a replica after a failover), getProduct(5) and getInventory(5) gave ${JSON.stringify(result)}. A cache write that fails for any reason is skipped and logged, whatever the error: not only the OOM you expected. ${idea}`).toEqual({ value: expected.slice(0, 2) });
    });
    expect(replicaLogged.length, `On a Redis that refuses writes with READONLY, two refused cache writes logged ${replicaLogged.length} warnings; expected one each. ${idea}`).toBeGreaterThanOrEqual(2);
    await expectNoKeys(lab.redis, idea);
  });
});
