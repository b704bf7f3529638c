/**
 * Mistake: "every key under the prefix has its TTL", with no key expected to be there
 * Replaces: checks.ts
 * Caught by: 14.6
 *
 * Loops over the keys under the prefix check each TTL both ways, and the hit check names
 * the key as product-cache.ts spells it. A cache that writes somewhere else leaves no key
 * under the prefix: the loops run zero times and pass, and so does a PEXPIRE on a key
 * that does not exist.
 */
import { expect } from 'vitest';
import { check, MISSING_TTL_SECONDS, PRODUCT_TTL_SECONDS, type CheckTools } from '../../../labs/14-testing-a-cache/src/contract.js';
import { cachedKeys, checks as reference, hitKeepsTtl, lookUpMissingTwice, missingRemembered, productTtl } from '../src/checks.js';

/** Each key under the prefix has a TTL of about `seconds`; none at all passes too. */
async function everyKeyLives(tools: CheckTools, seconds: number): Promise<void> {
  for (const { pttlMs } of await cachedKeys(tools)) {
    expect(pttlMs).toBeGreaterThan((seconds - 10) * 1000);
    expect(pttlMs).toBeLessThanOrEqual(seconds * 1000);
  }
}

const everyKeyTimed = check('every key under the prefix carries the product TTL', async (tools) => {
  await tools.makeCache().getProduct(4);
  await everyKeyLives(tools, PRODUCT_TTL_SECONDS);
});

const missingTimed = check('a missing product is remembered as missing for a minute', async (tools) => {
  await lookUpMissingTwice(tools);
  await everyKeyLives(tools, MISSING_TTL_SECONDS);
});

const hitByKeyName = check('a hit does not renew the TTL', async (tools) => {
  const cache = tools.makeCache();
  const key = `${tools.prefix}product:5`;
  await cache.getProduct(5);
  await tools.redis.pexpire(key, 20_000);
  await cache.getProduct(5);
  expect(await tools.redis.pttl(key)).toBeLessThanOrEqual(20_000);
});

const instead = new Map([
  [productTtl, everyKeyTimed],
  [hitKeepsTtl, hitByKeyName],
  [missingRemembered, missingTimed],
]);

export const checks = reference.map((c) => instead.get(c) ?? c);
