// Run: npx tsx examples/rate-limit/demo.ts
import { isMain, runExample } from '../lib/example-redis.js';
import { fixedWindowLimiter, fixedWindowTwoCommands } from './fixed-window.js';
import { slidingWindowLimiter } from './sliding-window.js';

if (isMain(import.meta.url)) {
  await runExample('rate-limit', async (redis, prefix) => {
    // 50 concurrent requests against a limit of 10: exactly 10 get through, because
    // each check is one atomic script on the server.
    const fixed = fixedWindowLimiter(redis, { prefix, limit: 10, windowMs: 60_000 });
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => fixed.check('api-key-A')),
    );
    console.log('fixed window, allowed of 50:', burst.filter((d) => d.allowed).length);
    console.log('a refused decision:', burst.find((d) => !d.allowed));
    const otherKey = await fixed.check('api-key-B');
    console.log('another API key is counted separately:', otherKey.remaining);

    const sliding = slidingWindowLimiter(redis, { prefix, limit: 5, windowMs: 1_000 });
    const first = await Promise.all(
      Array.from({ length: 8 }, () => sliding.check('api-key-A')),
    );
    console.log('sliding window, allowed of 8:', first.filter((d) => d.allowed).length);
    const refused = first.find((d) => !d.allowed);
    console.log('retry after (ms):', refused?.retryAfterMs);
    await new Promise((r) => setTimeout(r, (refused?.retryAfterMs ?? 0) + 20));
    const later = await sliding.check('api-key-A');
    console.log('after the oldest hits aged out:', later.allowed);

    // The two-command version, interrupted between INCR and EXPIRE (simulated by doing
    // only the first half): the counter is left with no TTL and never resets.
    const orphan = `${prefix}rl:two-commands:api-key-C`;
    await redis.incr(orphan);
    // -1: no expiry
    console.log('TTL of a counter whose EXPIRE never ran:', await redis.ttl(orphan));
    const happy = await fixedWindowTwoCommands(redis, `${prefix}rl:happy`, 3, 60);
    console.log('two-command limiter still "works" in the happy path:', happy);
  });
}
