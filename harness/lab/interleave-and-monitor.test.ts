// The course's own checks on interleave() and serverCommandsDuring(), which lab suites
// use to put a race in a known gap and to see commands run inside scripts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { interleave } from './interleave.js';
import { LabRedis } from './lab-redis.js';
import { serverCommandsDuring } from './server-commands.js';

let lab: LabRedis;
beforeAll(async () => (lab = await LabRedis.open(inject('services').redisUrl, `course:selftest:${randomBytes(4).toString('hex')}:`)));
afterAll(() => lab.close());

it('interleave runs the action before each command sent after a reply, never before the first', async () => {
  const client = lab.client();
  await client.ping(); // connected before arming, so no handshake command is counted
  const seen: Array<string | null> = [];
  const gaps = interleave(client, async () => seen.push(await lab.admin.get(lab.key('step'))));
  await client.set(lab.key('step'), 'one');
  await client.set(lab.key('step'), 'two');
  await client.get(lab.key('step'));
  gaps.stop();
  expect(seen).toEqual(['one', 'two']);
  expect(gaps.runs).toBe(2);
});

it('interleave: an action between the commands of a MULTI sees the state before the block, and order is kept', async () => {
  const client = lab.client();
  await client.ping();
  const seen: number[] = [];
  const gaps = interleave(client, async () => seen.push(await lab.admin.exists(lab.key('a'), lab.key('b'))));
  await client.get(lab.key('a')); // the first reply opens the gaps
  const replies = await client.multi().set(lab.key('a'), '1').incr(lab.key('b')).incr(lab.key('b')).exec();
  gaps.stop();
  expect(seen.every((count) => count === 0)).toBe(true);
  expect(replies?.map(([, value]) => value)).toEqual(['OK', 1, 2]);
});

it('interleave.stop() restores the client and reports an error the action threw', async () => {
  const client = lab.client();
  await client.ping();
  const gaps = interleave(client, async () => {
    throw new Error('action failed');
  });
  await client.ping();
  await client.ping();
  expect(() => gaps.stop()).toThrow('action failed');
  await client.ping();
  expect(gaps.runs).toBe(1);
});

it("serverCommandsDuring sees the code's commands on any of its connections, and what its scripts ran, and not the suite's", async () => {
  const client = lab.client();
  const copy = client.duplicate(); // the code may open a connection of its own; it keeps the name
  await Promise.all([client.ping(), copy.ping()]); // connected first: handshakes are not the point here
  const { commands } = await serverCommandsDuring(lab, async () => {
    await client.get(lab.key('plain'));
    await lab.admin.get(lab.key('the-suite-looking'));
    await copy.eval("redis.call('SET', KEYS[1], 'x', 'EX', 60) return redis.call('EXISTS', KEYS[1])", 1, lab.key('scripted'));
  });
  copy.disconnect();
  expect(commands.map((c) => [c.source === 'lua' ? 'lua' : 'client', c.name])).toEqual([
    ['client', 'GET'],
    ['client', 'EVAL'],
    ['lua', 'SET'],
    ['lua', 'EXISTS'],
  ]);
});
