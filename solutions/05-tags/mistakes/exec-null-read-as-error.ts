/**
 * Mistake: a null error in EXEC's replies read as a failure
 * Replaces: exec-whole.ts
 * Caught by: 05.1
 *
 * The replies of EXEC are checked, as they should be, for a command that Redis refused
 * inside the block. But ioredis gives each reply as [error, result] with error null, not
 * undefined, when the command succeeded, so `!== undefined` finds a "failure" in every
 * block. The page is cached all the same and the caller returns it; it also logs a
 * warning for every page written, and the one warning that matters, on the day Redis
 * really refuses a write, is lost among thousands.
 */
import type { ChainableCommander } from 'ioredis';

export async function execWhole(block: ChainableCommander, what: string): Promise<void> {
  const replies = await block.exec();
  const failed = replies?.find(([error]) => error !== undefined);
  if (!replies || failed) throw failed?.[0] ?? new Error(`MULTI for ${what} was discarded`);
}
