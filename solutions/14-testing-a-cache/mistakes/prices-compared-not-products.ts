/**
 * Mistake: a hit is compared with the miss by price only
 * Replaces: checks.ts
 * Caught by: 14.8
 *
 * The price is what the shop cares about, so the check compares it. JSON keeps the price
 * as a number but turns updatedAt into text; only comparing whole products (toEqual
 * tells a Date from a string) shows that a hit is not the miss.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, readsComeBackWhole, rowOf } from '../src/checks.js';

const samePrices = check('each product comes back with its price: loaded once, then a hit', async (tools) => {
  const cache = tools.makeCache();
  for (const id of [1, 2, 1, 2]) expect((await cache.getProduct(id))!.priceCents).toBe((await rowOf(tools, id))!.priceCents);
  expect(tools.db.count()).toBe(2);
});

export const checks = reference.map((c) => (c === readsComeBackWhole ? samePrices : c));
