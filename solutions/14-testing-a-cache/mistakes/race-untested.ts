/**
 * Mistake: updatePrice is never checked against a reader in the middle of it
 * Replaces: checks.ts
 * Caught by: 14.17
 *
 * Read, update, read, in two processes: deleting before the UPDATE passes that as well as
 * deleting after it. The difference is a reader that misses while the UPDATE runs; a check has to hold
 * the UPDATE open (db.holdQueries) to put one there, every time.
 */
import { expect } from 'vitest';
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, readDuringUpdate } from '../src/checks.js';

const readUpdateRead = check('after updatePrice, reads in every process show the new price', async (tools) => {
  const [writer, reader] = [tools.makeCache(), tools.makeCache()];
  await reader.getProduct(7);
  await writer.updatePrice(7, 1_234);
  expect((await reader.getProduct(7))!.priceCents).toBe(1_234);
});

export const checks = reference.map((c) => (c === readDuringUpdate ? readUpdateRead : c));
