import type { ChainableCommander } from 'ioredis';

/**
 * Runs a MULTI ... EXEC and rejects unless every command in it succeeded. ioredis resolves
 * exec() even when Redis refused a command inside the block (WRONGTYPE, say): the error
 * is only in that command's reply, and the commands around it have run.
 */
export async function execWhole(block: ChainableCommander, what: string): Promise<void> {
  const replies = await block.exec();
  const failed = replies?.find(([error]) => error)?.[0];
  if (!replies || failed) throw failed ?? new Error(`MULTI for ${what} was discarded`);
}
