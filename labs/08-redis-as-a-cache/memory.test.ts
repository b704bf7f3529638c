// Lab 08 checks, part 1: the server's eviction policy, and writes when memory runs out.
// Run: npm test labs/08-redis-as-a-cache
// The suite starts a Redis of this file's own with a 4 MB maxmemory, so eviction is real
// and nothing the code configures there touches the shared Redis.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplyError, type Command } from 'ioredis';
import { holdReply } from '../../harness/lab/hold.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { closeConnections, connections, expectProductTtl, LESSON, policyOf, products, refuseTheWriteOf, shown, stepsDuring } from './cache.support.js';
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
  afterEach(closeConnections);

  it('08.1 configureForCaching applies an allkeys-lru or allkeys-lfu policy and resolves with it, changing nothing else', async () => {
    const { code, admin } = await connections(small);
    const idea = `configureForCaching sets the eviction policy and nothing else: the keys already cached stay, and the server's maxmemory is the operator's to choose.\n${POLICY_IDEA}`;
    const before = Number(((await admin.config('GET', 'maxmemory')) as string[])[1]);
    const maxmemory = before + 1024 * (1 + Math.floor(Math.random() * 64)) + 17; // not a round number, new every run
    await admin.config('SET', 'maxmemory', String(maxmemory));
    try {
      for (const options of [undefined, { holdsSessions: false }]) {
        const call = `configureForCaching(redis${options ? ', { holdsSessions: false }' : ''})`;
        await admin.config('SET', 'maxmemory-policy', 'noeviction');
        const earlier = small.key('cached-before-setup');
        await admin.set(earlier, 'a copy', 'EX', 60);
        const resolved = await configureForCaching(code.redis, options).catch((error: unknown) => `a rejection: ${String(error)}`);
        const applied = await policyOf(admin);
        expect(CACHE_POLICIES as readonly string[], `After ${call} the server's maxmemory-policy is ${applied}; expected one of ${CACHE_POLICIES.join(', ')}, set with CONFIG SET.\n${POLICY_IDEA}`).toContain(applied);
        expect(resolved, `${call} resolved with ${String(resolved)} while the server runs ${applied}: say what is in force.`).toBe(applied);
        expect(await admin.exists(earlier), `After ${call} the key ${earlier}, written before, is gone: setting a policy does not empty the server.\n${idea}`).toBe(1);
        const now = Number(((await admin.config('GET', 'maxmemory')) as string[])[1]);
        expect(now, `After ${call} the server's maxmemory is ${now} bytes; it was ${maxmemory} before.\n${idea}`).toBe(maxmemory);
      }
    } finally {
      await admin.config('SET', 'maxmemory', String(before));
    }
  });

  it('08.2 with sessions on the same server it refuses, and leaves the policy as it was', async () => {
    const { code, admin } = await connections(small);
    await admin.config('SET', 'maxmemory-policy', 'volatile-lru'); // what an app with sessions may run: only keys with a TTL go
    const idea = `Sessions cannot be rebuilt from the database: under allkeys-* a session is evicted like any cached copy and its user is logged out. Refuse (reject with an Error that names the sessions) and change nothing; sessions belong on a server of their own (${LESSON}, "When memory runs out: maxmemory and eviction").`;
    const outcome = await configureForCaching(code.redis, { holdsSessions: true }).then(
      (policy) => `resolved with ${policy}`,
      (error: unknown) =>
        !(error instanceof Error) ? `rejected with ${typeof error} ${JSON.stringify(error)}, not an Error (no stack, no message for the caller's logs)`
        : /session/i.test(error.message) ? 'refused'
        : `rejected with ${String(error)}, which does not mention sessions`,
    );
    expect(outcome, `configureForCaching({ holdsSessions: true }) ${outcome}.\n${idea}`).toBe('refused');
    const after = await policyOf(admin);
    expect(after, `After refusing, the server runs ${after}; it ran volatile-lru before. Refusing changes nothing, not even to a policy that looks safer.\n${idea}`).toBe('volatile-lru');
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
    const queued = (error: unknown) => ((error as { previousErrors?: unknown[] }).previousErrors ?? []).map((e) => `, after ${String(e)}`).join(''); // an EXECABORT names the errors that aborted it
    const outcome = await writeProducts(code, products(1, 100, 1900)).then(() => 'resolved', (error: unknown) => `rejected: ${String(error)}${queued(error)}`);
    expect(outcome, `With memory full under noeviction the server answered writeProducts' SETs with OOM errors, and writeProducts ${outcome}. A pipeline's exec() resolves even when its commands fail: each reply is [error, result], so look at the errors, or the caller believes the products are cached and a misconfigured server goes unnoticed (${LESSON}, "When memory runs out: maxmemory and eviction").`).toMatch(/^rejected: .*OOM/);
  });

  it('08.14 the hot set survives a burst of cold writes (LFU): at least 90 of 100 hot products are still cached', async () => {
    const { code, admin } = await connections(small);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru'); // a policy for a cache, though not the one for a hot set
    await configureForCaching(code.redis);
    const hot = products(1, 100, 1900);
    await writeProducts(code, hot);
    for (let i = 0; i < 3; i += 1) await readProducts(code, hot.map((p) => p.id)); // read again and again
    const evictedBefore = Number(await small.info('stats', 'evicted_keys'));
    for (let batch = 0; batch < 5; batch += 1) await writeProducts(code, products(1000 + batch * 400, 400, 1900)); // read never
    const evicted = Number(await small.info('stats', 'evicted_keys')) - evictedBefore;
    expect(evicted, `The cold writes evicted ${evicted} keys; 4.5 MB into a 4 MB server should evict some.`).toBeGreaterThan(0);
    const kept = await admin.exists(...hot.map((p) => productKey(small.prefix, p.id)));
    expect(kept, `After 2,000 products written once (evicted_keys grew by ${evicted}), ${kept} of the 100 products read three times each are still cached; expected at least 90 (the server ran allkeys-lru before configureForCaching, now ${await policyOf(admin)}). LRU ranks keys by their last use, so a burst of writes makes every hot key look old; LFU ranks them by how often they are used, and a catalogue's hot set is read far more often than a product written once (${LESSON}, "When memory runs out: maxmemory and eviction").`).toBeGreaterThanOrEqual(90);
  });

  it('08.20 configureForCaching resolves only once the server has answered CONFIG SET, and rejects when the server refuses it', async () => {
    const { code, admin } = await connections(small);
    const idea = `configureForCaching is done when the server says so: await CONFIG SET, and let its error reach the caller. A managed Redis often refuses CONFIG (the policy is set in its console); a setup that resolves anyway lets the app start on a server that answers full writes with OOM (${LESSON}, "When memory runs out: maxmemory and eviction").`;
    const isConfigSet = (command: Command) => command.name.toLowerCase() === 'config' && String(command.args[0]).toLowerCase() === 'set';
    const answer = holdReply(code.redis, isConfigSet); // the server's answer reaches the code only on release
    let settled = false;
    const configuring = configureForCaching(code.redis).finally(() => (settled = true));
    await Promise.race([answer.fetched, configuring.catch(() => {})]);
    expect(settled, `configureForCaching settled before the server's answer to a CONFIG SET reached it (the answer was held back): it did not wait for the server to apply the policy.\n${idea}`).toBe(false);
    answer.release();
    await configuring;
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    const refusing = (await connections(small)).code.redis;
    wrapCommands(refusing, (command, send) => {
      if (!isConfigSet(command)) return send(command);
      command.reject(new ReplyError("ERR unknown command 'CONFIG', with args beginning with: 'SET'")); // as a managed Redis answers
      return command.promise;
    });
    const outcome = await configureForCaching(refusing).then((policy) => `resolved with ${policy}`, (error: unknown) => `rejected with ${String(error)}`);
    expect(outcome, `The server refused CONFIG SET (ERR unknown command 'CONFIG'), and configureForCaching ${outcome}; the server still runs ${await policyOf(admin)}.\n${idea}`).toMatch(/^rejected/);
  });

  it('08.21 writeProducts rejects when any one of its writes fails, whatever the error: a refused write in the middle of a batch', async () => {
    const { code, admin } = await connections(small);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lfu'); // room for every write: only the refused one fails
    const middle = productKey(small.prefix, 3);
    const refusal = refuseTheWriteOf(code.redis, middle);
    const outcome = await writeProducts(code, products(1, 5)).then(() => 'resolved', (error: unknown) => `rejected with ${String(error)}`);
    expect(refusal.refused, `writeProducts(products 1 to 5) sent no command naming ${middle} on its connection.`).toBe(1);
    expect(outcome, `The server refused the command that wrote product 3 of 5 (the suite sent it under a name the server does not know: ERR unknown command), ran the others, and writeProducts ${outcome}. Every reply can carry an error, not only the last one, and not only OOM: READONLY after a failover, a wrong type, a script error. Look at each, or the caller believes product 3 is cached (${LESSON}, "When memory runs out: maxmemory and eviction").`).toMatch(/^rejected/);
  });
});
