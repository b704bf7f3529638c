// Lab 09 checks, part 1: every type the README lists comes back as it went in.
// Run: npm test labs/09-serialisation
// Each value is written by one process and read by another (separate module instances,
// separate connections), so only what is in Redis can carry the types across.
import { describe, expect, it } from 'vitest';
import { expectTtlsWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSameValue, LESSON, processes, roundTrip } from './caches.support.js';
import { valueKey } from './src/contract.js';

const lab = useLab('09');
const JSON_LOSES =
  `${LESSON}, "What JSON throws away": a cache hit must return the same types ` +
  `a miss returns.`;

describe('lab 09: values round-trip with their types', () => {
  it('09.1 a plain value comes back equal, under its key, with the TTL set() was given', async () => {
    const [writer, reader] = await processes(lab, {}, {});
    const product = {
      id: 42,
      name: 'Kettle',
      price: 19.99,
      tags: ['kitchen'],
      inStock: true,
      note: null,
    };
    await writer!.cache.set('product:42', product, 300);
    await writer!.cache.set('product:43', { ...product, id: 43 }, 60);
    const back = await reader!.cache.get('product:42');
    expectSameValue(back, product, 'product:42', JSON_LOSES);
    const miss = `${LESSON}: a name never set is a plain miss (undefined), not an error.`;
    expect(await reader!.cache.get('product:44'), miss).toBeUndefined();
    expect(reader!.errors, `${miss} onDecodeError was called.`).toEqual([]);
    const keys = await lab.redis.keys();
    const idea =
      `${LESSON}: set(name, value, ttlSeconds) stores under valueKey(keyPrefix, name), ` +
      `with that TTL in the same command.`;
    const names = ['product:42', 'product:43'].map((n) => valueKey(lab.redis.prefix, n));
    expect(keys.map((k) => k.key), idea).toEqual(names);
    const [long, short] = [keys.slice(0, 1), keys.slice(1)];
    await expectTtlsWithin(lab.redis, long, { minMs: 299_000, maxMs: 300_000 }, idea);
    await expectTtlsWithin(lab.redis, short, { minMs: 59_000, maxMs: 60_000 }, idea);
  });

  it('09.2 Dates come back as Dates, to the millisecond, wherever they sit', async () => {
    const value = {
      updatedAt: new Date('2025-01-31T09:00:00.123Z'),
      history: [new Date(1), new Date(-86_400_001)],
      audit: { at: new Date('1999-12-31T23:59:59.999Z') },
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = new Date('2030-06-15T12:34:56.789Z');
    expectSameValue(await roundTrip(lab, top, 'date'), top, 'date', JSON_LOSES);
  });

  it('09.3 BigInts come back as bigint with every digit, beyond 2^53 and below zero', async () => {
    const value = { cents: 2n ** 53n + 1n, debt: -12n, none: 0n, list: [2n ** 70n] };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const big = -(2n ** 64n);
    expectSameValue(await roundTrip(lab, big, 'big'), big, 'big', JSON_LOSES);
  });

  it('09.4 Maps and Sets come back with their entries in order, keys of every type, typed members', async () => {
    const value = {
      prices: new Map<unknown, unknown>([
        [1, 'one'],
        ['1', 'text one'],
        [true, { at: new Date(1_700_000_000_123) }],
        [new Date(5), new Set([1n])],
      ]),
      tags: new Set<unknown>(['sale', 3, new Date(7), new Map([['k', 2n]])]),
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = new Set([3, 1, 2]);
    expectSameValue(await roundTrip(lab, top, 'set'), top, 'set', JSON_LOSES);
  });

  it('09.5 Buffers come back as Buffers with every byte, including bytes that are not UTF-8', async () => {
    const value = {
      image: Buffer.from([0x00, 0x01, 0x7f, 0x80, 0xff, 0xc3, 0x28, 0xfe]),
      empty: Buffer.alloc(0),
      text: Buffer.from('plain ascii'),
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expectSameValue(await roundTrip(lab, top, 'bytes'), top, 'bytes', JSON_LOSES);
  });

  it('09.6 undefined fields stay, as undefined; undefined in an array is not null', async () => {
    const value = {
      id: 1,
      discount: undefined,
      list: [1, undefined, 3],
      nested: { note: undefined, kept: 'yes' },
      byName: new Map([['gone', undefined]]),
    };
    const idea =
      `${JSON_LOSES} A field set to undefined is kept (in the object's keys); JSON ` +
      `drops it, and a JSON.parse reviver that returns undefined deletes it.`;
    expectSameValue(await roundTrip(lab, value), value, 'value', idea);
  });

  it('09.7 data that looks like a type or a tag comes back exactly as it was', async () => {
    const value = {
      isoText: '2025-01-31T09:00:00.123Z',
      digits: '12345678901234567890',
      word: 'undefined',
      nodeBuffer: { type: 'Buffer', data: [1, 2, 3] },
      dollar: { $t: 'date', v: '2025-01-31T09:00:00.123Z' },
      tilde: { '~': 'date', v: 0 },
      typed: { __type: 'Map', value: [[1, 2]] },
      kind: { type: 'bigint', value: '12' },
    };
    const idea =
      `${LESSON}, the tagged codec's edge: the app's own strings and objects are data. ` +
      `Revive only what your encoder tagged, and escape an object that has a field ` +
      `named like your tag.`;
    expectSameValue(await roundTrip(lab, value), value, 'value', idea);
  });
});
