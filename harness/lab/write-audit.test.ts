// The course's own checks on the write audit every lab runs after every test: what the
// server ran is judged step by step, whichever connection of the code sent it.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LabRedis } from './lab-redis.js';
import { auditWrites, type AuditOptions } from './write-audit.js';

let lab: LabRedis;
let code: Redis;
beforeAll(async () => {
  lab = await LabRedis.open(inject('services').redisUrl, `course:selftest:${randomBytes(4).toString('hex')}:`);
  code = lab.client();
  await code.ping();
});
afterAll(() => lab.close());

/** Runs `work`, then audits what the server ran meanwhile; returns `kind key` per finding. */
async function audit(work: () => Promise<unknown>, options: Partial<AuditOptions> = {}): Promise<string[]> {
  const from = await lab.log.sync();
  await work();
  await lab.log.sync();
  const findings = await auditWrites(lab.admin, lab.log.since(from), {
    prefix: lab.prefix,
    isCode: (command) => lab.log.isCode(command),
    ...options,
  });
  await lab.deleteAll();
  return findings.map((f) => `${f.kind} ${f.key.startsWith(lab.prefix) ? f.key.slice(lab.prefix.length) : f.key}`);
}

describe('write audit', () => {
  it('accepts a TTL set in the same command, transaction or script', async () => {
    expect(
      await audit(async () => {
        await code.set(lab.key('a'), '1', 'EX', 60);
        await code.multi().sadd(lab.key('b'), 'm').expire(lab.key('b'), 60).exec();
        await code.eval("redis.call('HSET', KEYS[1], 'f', 'v') redis.call('PEXPIRE', KEYS[1], 60000)", 1, lab.key('c'));
        await code.incr(lab.key('a')); // keeps the TTL it has
      }),
    ).toEqual([]);
  });

  it('flags SET then a separate EXPIRE, a pipeline, and a new key written by any type', async () => {
    expect(
      await audit(async () => {
        await code.set(lab.key('a'), '1');
        await code.expire(lab.key('a'), 60);
        await code.pipeline().set(lab.key('b'), '1').pexpire(lab.key('b'), 60_000).exec();
        await code.hincrby(lab.key('c'), 'f', 1);
      }),
    ).toEqual(['no-ttl a', 'no-ttl b', 'no-ttl c']);
  });

  it('knows EXPIRE GT never adds a TTL to a key without one, and NX does', async () => {
    expect(
      await audit(async () => {
        await code.eval("redis.call('SADD', KEYS[1], 'm') redis.call('EXPIRE', KEYS[1], 60, 'GT')", 1, lab.key('gt'));
        await code.eval("redis.call('SADD', KEYS[1], 'm') redis.call('EXPIRE', KEYS[1], 60, 'NX')", 1, lab.key('nx'));
      }),
    ).toEqual(['no-ttl gt']);
  });

  it("judges the code's connections, duplicates included, and not the suite's own writes", async () => {
    const copy = code.duplicate();
    expect(
      await audit(async () => {
        await lab.admin.set(lab.key('planted'), 'by the suite');
        await copy.set(lab.key('copy'), '1');
      }),
    ).toEqual(['no-ttl copy']);
    copy.disconnect();
  });

  it('flags writes outside the prefix, and waives the TTL for keys the lab exempts', async () => {
    const outside = `course-selftest-outside:${randomBytes(4).toString('hex')}`;
    expect(
      await audit(
        async () => {
          await code.set(outside, '1', 'EX', 60);
          await code.rpush(lab.key('buffer:1'), 'x');
        },
        { keysWithoutTtl: /^buffer:/ },
      ),
    ).toEqual([`outside-prefix ${outside}`]);
    await lab.admin.del(outside);
  });
});
