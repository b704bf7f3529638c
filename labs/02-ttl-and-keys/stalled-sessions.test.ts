// Lab 02 checks, part 5b: session calls on a Redis that fails or stops answering. Its own file,
// so that its waits run beside part 5's. Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { ReplyError, type Redis } from 'ioredis';
import { recordCommands } from '../../harness/lab/lab-redis.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { REDIS_TIMEOUT_MS, SHAPE_VERSION, type ShopCacheOptions } from './src/contract.js';
import { BOUND_MS, LESSON, PATIENT_MS, stalledRedis } from './stalled.support.js';

const lab = useLab('02');
const { cacheOn, stalling, loading, changingCommands } = stalledRedis(lab);

describe('session calls when Redis fails or stalls', () => {
  it('02.13 a session call on a Redis that fails or stops answering rejects in bounded time: it never hangs and never reads as "no session"', async () => {
    const idea = `A session lives only in Redis. When Redis fails or stalls, startSession and getSession must reject, at once on an error and within redisTimeoutMs (default ${REDIS_TIMEOUT_MS} ms) on silence, so the request fails visibly: a login that hangs holds the user, a login that resolves pretends, and a read that returns null logs out everyone who clicks during the blip. A read whose renewal failed has not done its job either: the session would expire under a user who is clicking (GETEX reads and renews in one command, and its error is the read's) (${LESSON}, "Sessions slide").`;
    // The session exists: a read that gets it and then fails (or stalls) to renew it must say so too.
    await lab.redis.admin.set(lab.redis.key(`session:s-blip:v${SHAPE_VERSION.session}`), JSON.stringify({ userId: 6 }), 'PX', 60_000);
    const changes = await changingCommands();
    const scenarios: [string, Redis, Pick<ShopCacheOptions, 'redisTimeoutMs'>][] = [
      ['stops answering altogether (redisTimeoutMs 50)', await stalling(), { redisTimeoutMs: 50 }],
      ['stops answering altogether (no redisTimeoutMs: the default)', await stalling(), {}],
      [`fails every command with LOADING (redisTimeoutMs ${PATIENT_MS})`, await loading(), { redisTimeoutMs: PATIENT_MS }],
      [`answers reads and refuses every command that changes a key (a replica after a failover: READONLY) (redisTimeoutMs ${PATIENT_MS})`, lab.redis.refusingClient([...changes], new ReplyError("READONLY You can't write against a read only replica.")), { redisTimeoutMs: PATIENT_MS }],
      ['answers reads and never answers a command that changes a key (redisTimeoutMs 50)', await stalling(changes), { redisTimeoutMs: 50 }],
    ];
    const sentTo = new Map(scenarios.map(([, redis]) => [redis, recordCommands(redis)] as const));
    await Promise.all(
      scenarios.flatMap(([what, redis, timeout]) => {
        const cache = cacheOn(redis, timeout);
        const calls: [string, () => Promise<unknown>][] = [
          ["startSession('s-blip', { userId: 6 })", () => cache.startSession('s-blip', { userId: 6 })],
          ["getSession('s-blip')", () => cache.getSession('s-blip')],
        ];
        return calls.map(async ([call, run]) => {
          const result = await expectSettlesWithin(outcome(run()), BOUND_MS, `${call} on a Redis that ${what}`, idea);
          expect('error' in result, `${call} on a Redis that ${what} resolved with ${JSON.stringify(result)}; expected it to reject. ${idea}`).toBe(true);
        });
      }),
    );
    // Each call asks once: a session call that fails or times out is not sent again.
    for (const [what, redis] of scenarios) {
      const sent = (sentTo.get(redis) ?? []).map((name) => name.toLowerCase());
      const tries = { reads: sent.filter((name) => ['get', 'getex', 'getdel'].includes(name)).length, writes: sent.filter((name) => ['set', 'setex', 'psetex'].includes(name)).length };
      expect(
        tries,
        `On a Redis that ${what}, one startSession and one getSession sent ${sent.join(', ')}. Expected one write and one read: a session call that failed or timed out rejects, it does not try again (a retry doubles the wait on a stalled Redis and the load on a struggling one; the caller decides whether to retry). ${idea}`,
      ).toEqual({ reads: 1, writes: 1 });
    }
  });
});
