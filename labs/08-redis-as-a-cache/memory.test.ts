// Lab 08 checks, part 1: the server's eviction policy, and writes when memory runs out.
// Run: npm test labs/08-redis-as-a-cache
// The suite starts a Redis of this file's own with a 4 MB maxmemory, so eviction is real
// and nothing the code configures there touches the shared Redis.
import { beforeEach, describe, expect, it } from 'vitest';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { connections, expectProductTtl, LESSON, policyOf, products, shown, stepsDuring } from './cache.support.js';
import { CACHE_POLICIES, productKey } from './src/contract.js';
import { readProducts, writeProducts } from './src/products.js';
import { configureForCaching } from './src/setup.js';

const small = useDedicatedRedis('08', { maxmemory: '4mb' });

const POLICY_IDEA = `A server that only holds copies should make room when memory is full: allkeys-lru or allkeys-lfu. The default, noeviction, answers writes with OOM errors, and volatile-* can only evict keys that carry a TTL (${LESSON}, "When memory runs out: maxmemory and eviction").`;

describe('lab 08: a policy for a cache, and writes under memory pressure', () => {
  beforeEach(async () => {
    const { admin } = await connections(small);
    await admin.config('SET', 'maxmemory-policy', 'noeviction'); // the server's default
  });

  it('08.1 configureForCaching applies an allkeys-lru or allkeys-lfu policy and resolves with it', async () => {
    const { code, admin } = await connections(small);
    const resolved = await configureForCaching(code.redis);
    const applied = await policyOf(admin);
    expect(CACHE_POLICIES as readonly string[], `After configureForCaching the server's maxmemory-policy is ${applied}; expected one of ${CACHE_POLICIES.join(', ')}, set with CONFIG SET.\n${POLICY_IDEA}`).toContain(applied);
    expect(resolved, `configureForCaching resolved with ${String(resolved)} while the server runs ${applied}: say what is in force.`).toBe(applied);
  });

  it('08.2 with sessions on the same server it refuses, and leaves the policy as it was', async () => {
    const { code, admin } = await connections(small);
    const idea = `Sessions cannot be rebuilt from the database: under allkeys-* a session is evicted like any cached copy and its user is logged out. Refuse (reject with an error that names the sessions) and change nothing; sessions belong on a server of their own (${LESSON}, "When memory runs out: maxmemory and eviction").`;
    const outcome = await configureForCaching(code.redis, { holdsSessions: true }).then(
      (policy) => `resolved with ${policy}`,
      (error: unknown) => (/session/i.test(String(error)) ? 'refused' : `rejected with ${String(error)}, which does not mention sessions`),
    );
    expect(outcome, `configureForCaching({ holdsSessions: true }) ${outcome}.\n${idea}`).toBe('refused');
    const after = await policyOf(admin);
    expect(after, `After refusing, the server runs ${after}; it ran noeviction before.\n${idea}`).toBe('noeviction');
  });

  it('08.3 once configured, writing more than maxmemory succeeds: the server evicts, nothing fails with OOM', async () => {
    const { code } = await connections(small);
    await configureForCaching(code.redis);
    const batches = 5; // 5 x 400 products of about 1.9 KB, some 4.5 MB with their keys, on top of what the server holds
    for (let batch = 0; batch < batches; batch += 1) {
      const error = await writeProducts(code, products(batch * 400, 400, 1900)).then(() => undefined, (e: unknown) => e);
      expect(error, `writeProducts failed on batch ${batch + 1} of ${batches}, with ${String(error)}: the write that finds memory full must make room, not fail.\n${POLICY_IDEA}`).toBeUndefined();
    }
    const evicted = Number(await small.info('stats', 'evicted_keys'));
    expect(evicted, `INFO reports evicted_keys:${evicted} after 4.5 MB went into a 4 MB server: were the products written?`).toBeGreaterThan(0);
    const last = await code.redis.exists(productKey(small.prefix, batches * 400 - 1));
    expect(last, 'The last product written should be in Redis: eviction makes room for new writes.').toBe(1);
  });

  it('08.4 every product key gets PRODUCT_TTL_SECONDS in the same command that writes it', async () => {
    const { code } = await connections(small);
    await code.redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const idea = `Every copy in a cache carries its TTL, set by the command that writes it (SET ... EX): a copy without one is never refreshed, and a SET then an EXPIRE leaves it without one if the second never runs (${LESSON}, "The structures you will use").`;
    const written = products(1, 20);
    const steps = await stepsDuring(small, () => writeProducts(code, written));
    for (const { key, pttlMs } of await small.keys()) expectProductTtl(key, pttlMs, idea);
    expect((await small.keys()).length, 'writeProducts should cache every product it is given.').toBe(written.length);
    for (const step of steps) {
      for (const write of step.commands.filter((c) => c.name === 'SET' || c.name === 'MSET')) {
        const inline = write.name === 'SET' && write.args.slice(2).some((a) => /^(EX|PX|EXAT|PXAT)$/i.test(a));
        const alongside = step.atomic && step.commands.some((c) => /^P?EXPIRE(AT)?$/.test(c.name) && c.args[0] === write.args[0]);
        expect(inline || alongside, `The server ran ${shown(write)} with no expiry in the same step.\n${idea}`).toBe(true);
      }
    }
  });

  it('08.13 when the server refuses a write (OOM under noeviction), writeProducts rejects instead of hiding it', async () => {
    const { code, admin } = await connections(small);
    const ballast = admin.pipeline(); // 3.75 MB in 64 KB values: the server fills to its limit and refuses the rest
    for (let i = 0; i < 60; i += 1) ballast.set(small.key(`ballast:${i}`), 'x'.repeat(64 * 1024), 'EX', 60);
    await ballast.exec();
    const outcome = await writeProducts(code, products(1, 100, 1900)).then(() => 'resolved', (error: unknown) => `rejected: ${String(error)}`);
    expect(outcome, `With memory full under noeviction the server answered writeProducts' SETs with OOM errors, and writeProducts ${outcome}. A pipeline's exec() resolves even when its commands fail: each reply is [error, result], so look at the errors, or the caller believes the products are cached and a misconfigured server goes unnoticed (${LESSON}, "When memory runs out: maxmemory and eviction").`).toMatch(/^rejected: .*OOM/);
  });

  it('08.14 the hot set survives a burst of cold writes (LFU): at least 90 of 100 hot products are still cached', async () => {
    const { code, admin } = await connections(small);
    await configureForCaching(code.redis);
    const hot = products(1, 100, 1900);
    await writeProducts(code, hot);
    for (let i = 0; i < 3; i += 1) await readProducts(code, hot.map((p) => p.id)); // read again and again
    const evictedBefore = Number(await small.info('stats', 'evicted_keys'));
    for (let batch = 0; batch < 5; batch += 1) await writeProducts(code, products(1000 + batch * 400, 400, 1900)); // read never
    const evicted = Number(await small.info('stats', 'evicted_keys')) - evictedBefore;
    expect(evicted, `The cold writes evicted ${evicted} keys; 4.5 MB into a 4 MB server should evict some.`).toBeGreaterThan(0);
    const kept = await admin.exists(...hot.map((p) => productKey(small.prefix, p.id)));
    expect(kept, `After 2,000 products written once (evicted_keys grew by ${evicted}), ${kept} of the 100 products read three times each are still cached; expected at least 90. LRU ranks keys by their last use, so a burst of writes makes every hot key look old; LFU ranks them by how often they are used, and a catalogue's hot set is read far more often than a product written once (${LESSON}, "When memory runs out: maxmemory and eviction").`).toBeGreaterThanOrEqual(90);
  });
});
