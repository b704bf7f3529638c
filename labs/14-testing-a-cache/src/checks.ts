// Your checks of the product cache in product-cache.ts. The grader runs them against that
// cache, where every one must pass, and against broken copies of it, where at least one
// must fail. `npm test 14` says which broken cache your checks let through.
import { expect } from 'vitest';
import { check } from './contract.js';

// An example to start from: it passes on the working cache, and catches none of the broken ones.
export const firstRead = check('a first read returns the row as Postgres holds it', async ({ makeCache, db }) => {
  const cache = makeCache();
  const [row] = await db.sql('SELECT price_cents FROM products WHERE id = $1', [1]);
  expect((await cache.getProduct(1))?.priceCents).toBe(row?.price_cents);
});

// TODO(14): a second read must be a hit: count the statements Postgres received, and compare
//   the hit with the miss field by field (what type does updatedAt come back as?).
// TODO(14): what does Redis hold after a read? Look under `prefix` with SCAN, never KEYS, and
//   check each TTL both ways against PRODUCT_TTL_SECONDS and MISSING_TTL_SECONDS.
// TODO(14): errors, writes and a stalled Redis: the README's table lists what else can break.
export const checks = [firstRead];
