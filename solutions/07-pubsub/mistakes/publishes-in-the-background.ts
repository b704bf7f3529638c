/**
 * Mistake: the write sends its DEL and PUBLISH and resolves without waiting for either
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.13
 *
 * ioredis writes commands to the socket in the order they are called, so the DEL is ahead
 * of the PUBLISH whether anyone waits for the replies or not, and waiting adds two round
 * trips to every write: dropping the awaits looks like free latency. But "resolved" is
 * what the caller builds on. It answers "saved" and moves on (a redirect that another
 * instance serves, the next step of a job) while the DEL and the PUBLISH may still sit in
 * the offline queue of a reconnecting client, and when they fail nothing the caller sees
 * says so. updateProfile resolves once the DEL and the PUBLISH are answered (their errors
 * caught), not once they are sent.
 */
import { warn, type Tiers } from '../src/invalidate-tiers.js';

export { warn }; // the read path logs through it

export async function invalidateTiers({ redis, dropLocal, publish }: Tiers, keys: string[]): Promise<void> {
  const deleted = redis.del(...keys);
  dropLocal(keys);
  // On the wire, in order: the replies would only tell us what we already assume.
  Promise.all([deleted, publish(keys)]).catch(warn(`invalidating ${keys.join(' ')} failed`));
}
