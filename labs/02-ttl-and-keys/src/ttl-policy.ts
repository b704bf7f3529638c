// Lab 02: how long each write may live. The table to follow is TTL_POLICY in contract.ts.
import type { Entity } from './contract.js';

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * The TTL in milliseconds for one write of `entity`. `random` returns a number in
 * [0, 1), like Math.random (the suite may hand in its own).
 */
export function ttlMsFor(entity: Entity, random: () => number): number {
  // TODO(02): one TTL for everything. Stock may be seconds stale, a profile minutes,
  // the catalog an hour: each class has its own row in TTL_POLICY.
  // TODO(02): every key written in the same second also expires in the same second.
  // After a deploy warms the cache, all of it goes cold together an hour later.
  return ONE_HOUR_MS;
}
