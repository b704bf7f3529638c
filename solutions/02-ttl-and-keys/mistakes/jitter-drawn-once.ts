/**
 * Mistake: the jittered TTLs are drawn once, when the module loads
 * Replaces: ttl-policy.ts
 * Caught by: 02.4
 *
 * It reads like a tidy constant table, and every TTL it holds sits inside its band, so
 * each key on its own looks right. It even differs between processes. But inside one
 * process every product gets the same TTL, so the thousand keys a deploy warms in one
 * second still expire in one second: jitter has to be drawn for each write.
 */
import { TTL_POLICY, type Entity } from '../../../labs/02-ttl-and-keys/src/contract.js';

const JITTERED_TTL_MS = {} as Record<Entity, number>;
for (const [entity, { seconds, jitter }] of Object.entries(TTL_POLICY) as [Entity, (typeof TTL_POLICY)[Entity]][]) {
  const factor = 1 - jitter + 2 * jitter * Math.random();
  JITTERED_TTL_MS[entity] = Math.round(seconds * factor * 1000);
}

export function ttlMsFor(entity: Entity): number {
  return JITTERED_TTL_MS[entity];
}
