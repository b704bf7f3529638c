/**
 * Mistake: messages carry the id of the process that sent them, and a process skips its own
 * Replaces: invalidation-message.ts
 * Caught by: 07.6
 *
 * The writer drops its own copy during the write, so its own message coming back is no
 * news to it: tagging each message with a random id made at startup and skipping the ones
 * that come back saves a delete and an 'invalidated' event per write. With one cache per
 * process that is right. But the id lives in module scope, and a module is loaded once per
 * process, so every cache of the process shares it: a second cache with the same prefix
 * (another tenant's, one rebuilt with new options, a background worker's) takes the
 * writer's message for its own, skips it, and serves the old profile until the age bound.
 * Tell caches apart rather than processes, or simply handle your own message too.
 */
import { randomUUID } from 'node:crypto';

/** This process, as it signs its messages. */
const SENDER = randomUUID();

export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys, sender: SENDER });

export function decodeInvalidation(text: string): string[] {
  try {
    const { keys, sender } = JSON.parse(text) as { keys?: unknown; sender?: unknown };
    if (sender === SENDER || !Array.isArray(keys)) return []; // ours: the write dropped its copy already
    return keys.filter((key): key is string => typeof key === 'string');
  } catch {
    return [];
  }
}
