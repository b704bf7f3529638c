/**
 * Mistake: a BigInt is stored as a JSON number and read back with BigInt()
 * Replaces: types.ts
 * Caught by: 09.3
 *
 * It fixes the TypeError JSON.stringify throws for a bigint, the type comes back right,
 * and small amounts round-trip. But a JSON number is a double: above 2^53 the digits are
 * rounded before they reach Redis, so 9007199254740993n comes back as ...992n. Amounts
 * and IDs are why an app uses bigint at all; write the digits as a string.
 */
import { TYPE_RULES as RULES } from '../src/types.js';

export type { Json, TypeRule } from '../src/types.js';

export const TYPE_RULES = RULES.map((rule) =>
  rule.tag !== 'bigint'
    ? rule
    : {
        ...rule,
        write: (value: bigint) => Number(value),
        read: (n: number) => BigInt(n),
      },
);
