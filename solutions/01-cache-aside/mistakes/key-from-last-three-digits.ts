/**
 * Mistake: the key holds the id at a fixed width of three digits, so ids over 999 share keys
 * Replaces: keys.ts
 * Caught by: 01.29
 *
 * Fixed-width keys (product:001, product:012) sort and line up like the SKUs, and every
 * id in the seed has at most two digits. But product 1012 is cut to 012, the key of
 * product 12: whichever is read second gets the other's row, and 2000 finds 1000's.
 */
export const productKey = (prefix: string, id: number): string => `${prefix}product:${String(id).padStart(3, '0').slice(-3)}`;
