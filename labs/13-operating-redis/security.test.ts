// Lab 13 checks, part 5: credentials and TLS come from configuration, and a wrong
// password is a clear error at once, not a hang.
// Run: npm test labs/13-operating-redis
import { describe, expect, it } from 'vitest';
import { useAuthRedis } from '../../harness/lab/use-dedicated-redis.js';
import { LIVENESS_MS } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { pollUntil } from '../../harness/services/poll.js';
import { createCache, LESSON, SLACK_MS, settles, startProxy, truth, untilConnected } from './operating.support.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, productKey } from './src/contract.js';

const lab = useLab('13');
const secured = useAuthRedis('13');
const SECURITY = `${LESSON}, "Security"`;

/** The ACL user limited to the course's keys; on a server the course did not start, the default user. */
const appUser = () => secured.users[1] ?? secured.users[0]!;

describe('credentials and TLS from configuration', () => {
  it('13.14 logs in as the configured ACL user with its password, and caches there', async () => {
    const user = appUser();
    const cache = createCache(lab, secured.server, { keyPrefix: secured.prefix, commandTimeoutMs: 2_000, redis: { username: user.username, password: user.password } });
    await untilConnected(cache);
    const idea = `Each service logs in as its own ACL user, limited to its keys and commands, with a password from configuration (a secret store), never one in the code (${SECURITY}).`;
    expect(await cache.getProduct(3), idea).toEqual(await truth(lab, 3));
    const keys = await secured.keys();
    expect(keys.map((k) => k.key), `The Redis that requires a password holds ${JSON.stringify(keys)}. ${idea}`).toEqual([productKey(secured.prefix, 3)]);
    expect(keys[0]!.pttlMs, `product 3 on that Redis has PTTL ${keys[0]!.pttlMs}. ${idea}`).toBeGreaterThan(0);
    const clients = String(await secured.client().client('LIST'));
    const line = clients.split('\n').find((l) => l.includes(` name=${lab.redis.codeName} `));
    expect(line, `CLIENT LIST shows no connection named ${lab.redis.codeName}. ${idea}`).toBeDefined();
    expect(line, `The cache's connection is not logged in as ${user.username}. ${idea}`).toContain(` user=${user.username} `);
  });

  it('13.15 a wrong password: reads answer from Postgres at once, and health() names the error', async () => {
    const user = appUser();
    // A breaker that never opens, so every read keeps meeting the failure.
    const cache = createCache(lab, secured.server, {
      keyPrefix: secured.prefix,
      breaker: { failureThreshold: 10_000 },
      redis: { username: user.username, password: 'not-the-password' },
    });
    const idea = `A wrong password is a configuration error, and should read like one: WRONGPASS in the health report, the service answering from Postgres meanwhile. A client that keeps every command and reconnects for ever turns it into requests that hang, with nothing in the logs to say why (${SECURITY}).`;
    for (const id of [4, 5]) {
      const read = await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, `getProduct(${id}) with a wrong password`, idea);
      expect(read, idea).toEqual(await truth(lab, id));
    }
    // The server's refusal arrives a moment after the first reads; a read before each look keeps
    // failing meanwhile, and must not hide it.
    let lastError: string | null | undefined;
    const named = await pollUntil(
      'health() to name WRONGPASS',
      async () => {
        await settles(cache.getProduct(6), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(6) with a wrong password', idea);
        const health = await settles(cache.health(), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'health() with a wrong password', idea);
        lastError = typeof health === 'string' ? health : health.lastError;
        return /WRONGPASS/.test(String(lastError)) || { not: String(lastError) };
      },
      { timeoutMs: LIVENESS_MS },
    ).catch(() => false);
    expect(named, `With a wrong password, health().lastError was ${JSON.stringify(lastError)} after reads for ${LIVENESS_MS} ms; expected the server's WRONGPASS. ${idea}`).toBe(true);
    // And it stays named: each later read fails again, and must not replace the cause with its symptom.
    for (const id of [7, 8, 9, 10, 11]) {
      await settles(cache.getProduct(id), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, `getProduct(${id}) with a wrong password`, idea);
      const health = await settles(cache.health(), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'health() with a wrong password', idea);
      const latest = typeof health === 'string' ? health : health.lastError;
      expect(latest, `With a wrong password, health() named WRONGPASS once, then ${JSON.stringify(latest)} after one more failed read; expected WRONGPASS to stay: the reads' own errors are symptoms of it. ${idea}`).toMatch(/WRONGPASS/);
    }
  });

  it('13.16 with tls configured, the client opens with a TLS handshake naming the configured server', async () => {
    const proxy = await startProxy();
    const servername = 'cache.internal.example';
    const cache = createCache(lab, proxy.address, { redis: { tls: { servername } } });
    const idea = `Between hosts, Redis is reached over TLS, with the name the certificate is checked against from configuration (${SECURITY}).`;
    const read = await settles(cache.getProduct(6), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(6) against a server that does not speak TLS', idea);
    expect(read, `Against a server that does not speak TLS, the read should still be answered from Postgres. ${idea}`).toEqual(await truth(lab, 6));
    // The client may answer that read before its connection has even opened: give it the time to try.
    const hello = await pollUntil('a TLS handshake', async () => proxy.tlsHellos[0] ?? { not: 'none yet' }, { timeoutMs: LIVENESS_MS }).catch(() => undefined);
    expect(hello, `Within ${LIVENESS_MS} ms the server received ${proxy.commands.length} plain Redis commands and no TLS handshake. ${idea}`).toBeDefined();
    expect(hello!.includes(servername), `The TLS handshake did not name ${servername} (SNI). ${idea}`).toBe(true);

    // With Sentinels, the first connection is to a Sentinel: TLS there too.
    const sentinelProxy = await startProxy();
    const viaSentinels = createCache(lab, proxy.address, { redis: { sentinels: [sentinelProxy.address], masterName: 'course-primary', tls: { servername } } });
    await settles(viaSentinels.getProduct(7), DEFAULT_COMMAND_TIMEOUT_MS + SLACK_MS, 'getProduct(7) with Sentinels that do not speak TLS', idea);
    const toSentinel = await pollUntil('a TLS handshake to the Sentinel', async () => sentinelProxy.tlsHellos[0] ?? { not: 'none yet' }, { timeoutMs: LIVENESS_MS }).catch(() => undefined);
    expect(
      toSentinel?.includes(servername),
      `With tls and sentinels configured, the Sentinel received ${sentinelProxy.commands.map((c) => c.name.toUpperCase()).join(', ') || 'nothing'} in plain text and ${toSentinel ? 'a TLS handshake without the server name' : 'no TLS handshake'}. With Sentinels, TLS goes to them (ioredis's sentinelTLS) and to the primary they name (enableTLSForSentinelMode). ${idea}`,
    ).toBe(true);
  });
});
