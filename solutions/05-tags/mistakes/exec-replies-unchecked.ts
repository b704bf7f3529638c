/**
 * Mistake: EXEC's replies never looked at
 * Replaces: exec-whole.ts
 * Caught by: 05.16
 *
 * The page and its memberships go out in one MULTI, and the caller catches and logs a
 * rejected store. But ioredis's exec() rejects only when the whole block fails (the
 * connection drops, a command is refused while it is queued). A command that Redis
 * refuses while it runs the block, such as an SADD to a tag key that holds a string,
 * comes back as an [error, result] pair in the resolved array, and the commands around
 * it have run. Awaiting exec() and moving on reports that write as a success: the page
 * is cached, missing from the set a price change will read, and nobody is told.
 */
import type { ChainableCommander } from 'ioredis';

export async function execWhole(block: ChainableCommander): Promise<void> {
  await block.exec();
}
