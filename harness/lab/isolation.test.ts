// The course's own check on isolation: cleanup removes this file's keys and nothing else.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LabRedis } from './lab-redis.js';
import { QueryLog } from './query-log.js';
import { inject } from 'vitest';

const { redisUrl } = inject('services');
const id = randomBytes(4).toString('hex');
let lab: LabRedis;
beforeAll(async () => (lab = await LabRedis.open(redisUrl, `course:selftest:${id}:`)));
afterAll(() => lab.close());

it('cleanup removes keys under the prefix and leaves neighbours, even ones sharing its first letters', async () => {
  const neighbour = `course:selftest:${id}x`; // same characters, no separator
  const foreign = `someone-else:${id}`;
  await lab.admin.set(lab.key('a'), '1', 'EX', 60);
  await lab.admin.set(lab.key('b:c'), '1', 'EX', 60);
  await lab.admin.set(neighbour, 'keep', 'EX', 60);
  await lab.admin.set(foreign, 'keep', 'EX', 60);

  await lab.deleteAll();

  expect(await lab.keys()).toEqual([]);
  expect(await lab.admin.mget(neighbour, foreign)).toEqual(['keep', 'keep']);
  await lab.admin.del(neighbour, foreign);
});

it('the query log attributes statements to their tables and kinds', () => {
  const log = new QueryLog();
  log.record('SELECT p.* FROM products p JOIN inventory i ON i.product_id = p.id');
  log.record('UPDATE "accounts" SET balance_cents = 1');
  log.record('INSERT INTO product_views (product_id) VALUES ($1)', [7]);
  expect(log.count({ table: 'inventory' })).toBe(1);
  expect(log.count({ table: 'product_views', values: [7] })).toBe(1);
  expect(log.count({ table: 'product_views', values: [8] })).toBe(0);
  expect(log.count({ table: 'accounts', kind: 'update' })).toBe(1);
  expect(log.count({ kind: 'insert' })).toBe(1);
  expect(log.count()).toBe(3);
});
