/**
 * Mistake: one GET per id, all sent at once (Promise.all)
 * Replaces: products.ts
 * Caught by: 08.7
 *
 * Nothing waits for anything, and TCP often packs the requests into a few packets, so
 * the server may read them in as few reads as a pipeline. But each GET is a request of
 * its own, written to the socket on its own: 200 system calls and 200 replies where MGET
 * (or a pipeline) takes one.
 */
import { readProducts as readBatch } from '../src/products.js';
export { writeProducts } from '../src/products.js';

export const readProducts: typeof readBatch = async (target, ids) =>
  (await Promise.all(ids.map((id) => readBatch(target, [id])))).map(([product]) => product ?? null);
