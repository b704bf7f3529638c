// The types JSON has no word for, each with its tag and how its payload is written.
// A payload may hold further values (a Map's entries): `inner` encodes or decodes them
// with the same rules, so types nest at any depth.
export type Json = null | boolean | number | string | Json[] | { [field: string]: Json };

export interface TypeRule {
  tag: string;
  is(value: unknown): boolean;
  write(value: never, inner: (value: unknown) => Json): Json;
  read(payload: never, inner: (json: Json) => unknown): unknown;
}

// #region type-rules
export const TYPE_RULES: TypeRule[] = [
  {
    tag: 'undefined',
    is: (value) => value === undefined,
    write: () => null,
    read: () => undefined,
  },
  {
    tag: '-0',
    is: (value) => Object.is(value, -0), // JSON writes -0 as 0
    write: () => null,
    read: () => -0,
  },
  {
    tag: 'bigint',
    is: (value) => typeof value === 'bigint',
    write: (value: bigint) => value.toString(),
    read: (digits: string) => BigInt(digits),
  },
  {
    tag: 'date',
    is: (value) => value instanceof Date,
    write: (value: Date) => value.getTime(), // milliseconds since 1970, exactly
    read: (ms: number) => new Date(ms),
  },
  {
    tag: 'buffer',
    is: (value) => Buffer.isBuffer(value),
    write: (value: Buffer) => value.toString('base64'), // any bytes, not only UTF-8
    read: (base64: string) => Buffer.from(base64, 'base64'),
  },
  {
    tag: 'map',
    is: (value) => value instanceof Map,
    // Pairs, not an object: keys keep their types (1 and '1' are different keys).
    write: (value: Map<unknown, unknown>, inner) =>
      Array.from(value, ([k, v]) => [inner(k), inner(v)]),
    read: (pairs: [Json, Json][], inner) =>
      new Map(pairs.map(([k, v]) => [inner(k), inner(v)])),
  },
  {
    tag: 'set',
    is: (value) => value instanceof Set,
    write: (value: Set<unknown>, inner) => Array.from(value, inner),
    read: (members: Json[], inner) => new Set(members.map(inner)),
  },
];
// #endregion type-rules
