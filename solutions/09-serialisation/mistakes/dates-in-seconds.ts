/**
 * Mistake: Dates are stored as Unix seconds, so their milliseconds are lost
 * Replaces: types.ts
 * Caught by: 09.2
 *
 * Seconds are what most APIs and databases call a timestamp, and a Date comes back as a
 * Date, at the right second, which is all a quick look at a cached profile shows. But
 * `updatedAt` loses its milliseconds: two writes in one second now look the same, and an
 * optimistic-concurrency check or a sort by time goes wrong only on cache hits. Store
 * getTime(), the exact milliseconds.
 */
import { TYPE_RULES as RULES } from '../src/types.js';

export type { Json, TypeRule } from '../src/types.js';

export const TYPE_RULES = RULES.map((rule) =>
  rule.tag !== 'date'
    ? rule
    : {
        ...rule,
        write: (value: Date) => Math.floor(value.getTime() / 1000),
        read: (seconds: number) => new Date(seconds * 1000),
      },
);
